package dev.openclone.privacy;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the group that holds the secret itself (0 = the whole match; a higher group
 * keeps the context around it, such as {@code password=}), and an optional check that a candidate really is one
 * (the Luhn sum of a card number).
 *
 * @param kind      the name in {@code [REDACTED:<kind>]}
 * @param group     the group replaced by the marker
 * @param mayMatch  a cheap test (substring look-ups) that is true whenever the pattern could match; the regular
 *                  expression only runs on text that passes it, which keeps redaction off the ingest profile
 */
public record RedactionRule(String kind, Pattern pattern, int group, Predicate<String> accept,
        Predicate<String> mayMatch) {

    public RedactionRule(String kind, Pattern pattern, int group, Predicate<String> accept) {
        this(kind, pattern, group, accept, text -> true);
    }

    static RedactionRule of(String kind, String regex, Predicate<String> mayMatch) {
        return new RedactionRule(kind, Pattern.compile(regex), 0, s -> true, mayMatch);
    }

    static RedactionRule of(String kind, String regex, int group, Predicate<String> mayMatch) {
        return new RedactionRule(kind, Pattern.compile(regex), group, s -> true, mayMatch);
    }

    public String marker() {
        return "[REDACTED:" + kind + "]";
    }
}
