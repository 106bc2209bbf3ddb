package dev.openclone.sdk;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An exclusion pattern, as the server's config and a capture agent's config write it (one reading for both): a
 * glob ({@code *} any run of characters, {@code ?} one character; case-insensitive; matches the whole value) or,
 * with the prefix {@code re:}, a Java regular expression that must match somewhere in the value (case-sensitive
 * unless it says {@code (?i)}).
 */
public record TextPattern(String source, Pattern pattern, boolean regex) {

    /** @throws IllegalArgumentException with a message saying what is wrong */
    public static TextPattern parse(String source) {
        if (source.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (source.startsWith("re:")) {
            try {
                return new TextPattern(source, Pattern.compile(source.substring(3)), true);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        StringBuilder regex = new StringBuilder();
        for (char c : source.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new TextPattern(source, Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL), false);
    }

    public boolean matches(String value) {
        return regex ? pattern.matcher(value).find() : pattern.matcher(value).matches();
    }

    /**
     * For domains: the host itself or any of its parent domains matches, so {@code bank.example} also excludes
     * {@code www.bank.example}.
     */
    public boolean matchesHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (true) {
            if (matches(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (dot < 0 || regex) {
                return false;
            }
            h = h.substring(dot + 1);
        }
    }
}
