package dev.openclone.query;

import dev.openclone.index.IndexReader;
import dev.openclone.vault.VaultFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An entry as the vault file holds it now: from its heading's line to the next entry the index knows in that file
 * (or the file's end), so lines a person added below an entry are read with it. What the MCP {@code read_entry}
 * tool and the dashboard's entry view show.
 */
public final class EntryLines {

    private EntryLines() {
    }

    /** The entry whose heading is line {@code line} (1-based) of {@code file}; empty when the file is shorter. */
    public static Optional<String> at(Path vault, String file, long line) throws IOException {
        long end = new IndexReader(vault).nextEntryLine(file, line);
        return lines(new VaultFiles(vault), file, line, end);
    }

    /** Lines {@code from} (1-based) up to, not including, {@code until} (0: the end of the file). */
    static Optional<String> lines(VaultFiles vault, String file, long from, long until) throws IOException {
        StringBuilder text = new StringBuilder();
        long number = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(vault.open(file),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (until > 0 && number >= until) {
                    break;
                }
                if (number >= from) {
                    text.append(line).append('\n');
                }
            }
        }
        return number < from ? Optional.empty() : Optional.of(text.toString().stripTrailing() + "\n");
    }
}
