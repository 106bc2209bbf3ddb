package dev.openclone.privacy;

import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern, the group that holds the secret itself (0 = the whole match; a higher group
 * keeps the context around it, such as {@code password=}), and an optional check that a candidate really is one
 * (the Luhn sum of a card number).
 *
 * <p>Redaction must take time linear in the text, whatever the text (a crafted 1 MiB body must not hold a core).
 * Most patterns are linear as they are: bounded runs, or runs whose end always makes a match. A pattern whose
 * attempt can scan a long run and then fail (a JWT's segment without its dot, a URL scheme without {@code ://})
 * would rescan that run from every later start inside it. Such a rule names its {@code candidate} starts and the
 * {@code run} of characters an attempt scans: after a failed attempt the search resumes past that run, since
 * any start inside it would fail the same way.
 *
 * @param kind      the name in {@code [REDACTED:<kind>]}
 * @param group     the group replaced by the marker
 * @param mayMatch  a cheap test (substring look-ups) that is true whenever the pattern could match; the regular
 *                  expression only runs on text that passes it, which keeps redaction off the ingest profile
 * @param candidate where an attempt may start, or null to let {@code pattern} find its own matches
 * @param run       the characters of the run a failed attempt skips (with {@code candidate})
 */
public record RedactionRule(String kind, Pattern pattern, int group, Predicate<String> accept,
        Predicate<String> mayMatch, Pattern candidate, IntPredicate run) {

    public RedactionRule(String kind, Pattern pattern, int group, Predicate<String> accept) {
        this(kind, pattern, group, accept, text -> true, null, null);
    }

    static RedactionRule of(String kind, String regex, Predicate<String> mayMatch) {
        return new RedactionRule(kind, Pattern.compile(regex), 0, s -> true, mayMatch, null, null);
    }

    static RedactionRule of(String kind, String regex, int group, Predicate<String> mayMatch) {
        return new RedactionRule(kind, Pattern.compile(regex), group, s -> true, mayMatch, null, null);
    }

    /** A rule whose failed attempts skip the {@code run} they scanned (see the class comment). */
    static RedactionRule skipping(String kind, String regex, int group, Predicate<String> mayMatch,
            String candidate, IntPredicate run) {
        return new RedactionRule(kind, Pattern.compile(regex), group, s -> true, mayMatch, Pattern.compile(candidate),
                run);
    }

    public String marker() {
        return "[REDACTED:" + kind + "]";
    }
}
