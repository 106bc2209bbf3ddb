package dev.openclone.support;

import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Markdown files a person sees in a vault, listed safely while the server runs: its own folder
 * ({@code .openclone}, where the search index adds and drops files all the time) is not walked into.
 */
public final class VaultNotes {

    private VaultNotes() {
    }

    /** The vault's visible {@code .md} files, as absolute paths. */
    public static List<Path> of(Path vault) throws IOException {
        return new VaultFiles(vault).visible().keySet().stream().filter(name -> name.endsWith(".md"))
                .map(vault::resolve).toList();
    }

    /** Every visible note's text, one after the other; a note removed meanwhile counts as empty. */
    public static String text(Path vault) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path note : of(vault)) {
            if (Files.exists(note)) {
                all.append(Files.readString(note));
            }
        }
        return all.toString();
    }
}
