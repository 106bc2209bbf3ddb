package dev.openclone.vault;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code obsidian://open} address of a vault file: Obsidian opens the vault named like the vault's folder and
 * the file in it ({@code obsidian://open?vault=vault&file=Audio%2F2024-02-18}).
 */
public final class ObsidianLink {

    private ObsidianLink() {
    }

    public static String of(Path vault, String file) {
        return "obsidian://open?vault=" + encode(vault.toAbsolutePath().normalize().getFileName().toString())
                + "&file=" + encode(file.endsWith(".md") ? file.substring(0, file.length() - 3) : file);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
