package dev.openclone.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** What OpenClone reads from a captured URL, decided once for the vault's rendering and the privacy rules. */
public final class Urls {

    private Urls() {
    }

    /** The host of an absolute URL ({@code https://docs.example.com/a} → {@code docs.example.com}), if any. */
    public static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(new URI(url.strip()).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
