package dev.openclone.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in captured text with {@code [REDACTED:<kind>]} before anything is written (SPEC §7): private
 * key blocks, cloud and API tokens (AWS, GitHub, Slack, OpenAI/Anthropic-style {@code sk-…}, JWTs), passwords in
 * URLs and {@code password=}-style pairs, and Luhn-valid card numbers. Rules run in order; a later rule never
 * sees what an earlier one replaced.
 */
public final class Redactor {

    /** The rules, most specific first. */
    public static final List<RedactionRule> RULES = List.of(
            RedactionRule.of("private_key", "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----"
                    + "(?:[\\s\\S]*?-----END \\1-----|[\\s\\S]*)", t -> t.contains("-----BEGIN ")),
            RedactionRule.of("aws_access_key", "\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\\b",
                    t -> t.contains("AKIA") || t.contains("ASIA") || t.contains("ABIA") || t.contains("ACCA")),
            RedactionRule.of("aws_secret_key", "(?i)\\b(?:aws_?secret_?access_?key|aws_?secret_?key|aws_?secret)"
                    + "[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", 1,
                    t -> (t.indexOf('=') >= 0 || t.indexOf(':') >= 0) && containsIgnoreCase(t, "aws")),
            RedactionRule.of("github_token", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b",
                    t -> t.indexOf('_') >= 0 && (t.contains("gh") || t.contains("github_pat_"))),
            RedactionRule.of("slack_token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}", t -> t.contains("xox")),
            RedactionRule.of("slack_webhook",
                    "https://hooks\\.slack\\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]+",
                    t -> t.contains("hooks.slack.com")),
            RedactionRule.of("anthropic_key", "\\bsk-ant-[A-Za-z0-9_-]{20,}", t -> t.contains("sk-ant-")),
            RedactionRule.of("openai_key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", t -> t.contains("sk-")),
            RedactionRule.skipping("jwt", "\\beyJ[A-Za-z0-9_-]{8,}+\\.eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]*+", 0,
                    t -> t.contains("eyJ"), "\\beyJ", Redactor::isBase64Url),
            RedactionRule.skipping("password", "\\b[a-zA-Z][a-zA-Z0-9+.-]*+://[^\\s:/@]++:([^\\s@/]++)@", 1,
                    t -> t.contains("://") && t.indexOf('@') >= 0, "\\b[a-zA-Z]", Redactor::isSchemeChar),
            RedactionRule.of("password", "(?i)\\b(?:password|passwd|passphrase|pwd)\\s*[=:]\\s*"
                    + "(\"[^\"\\n]*\"|'[^'\\n]*'|\\S+)", 1,
                    t -> (t.indexOf('=') >= 0 || t.indexOf(':') >= 0)
                            && (containsIgnoreCase(t, "pass") || containsIgnoreCase(t, "pwd"))),
            RedactionRule.of("secret", "(?i)\\b(?:secret|client_secret|api_?key|access_token|auth_token|token)"
                    + "\\s*[=:]\\s*(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s,;&]{6,})", 1,
                    t -> (t.indexOf('=') >= 0 || t.indexOf(':') >= 0) && (containsIgnoreCase(t, "secret")
                            || containsIgnoreCase(t, "key") || containsIgnoreCase(t, "token"))),
            new RedactionRule("card_number", Pattern.compile("(?<![\\d-])[2-6](?:[ -]?\\d){12,18}(?![\\d-])"), 0,
                    Redactor::isCardNumber, t -> digits(t) >= 13, null, null));

    private Redactor() {
    }

    /** A text with its secrets replaced, and how many were. */
    public record Result(String text, int count) {
    }

    public static Result redact(String text) {
        String current = text;
        int count = 0;
        for (RedactionRule rule : RULES) {
            if (!rule.mayMatch().test(current)) {
                continue;
            }
            Matches matches = new Matches(rule, current);
            Matcher m = matches.matcher();
            StringBuilder out = null;
            int last = 0;
            while (matches.next()) {
                int start = m.start(rule.group());
                int end = m.end(rule.group());
                if (start < 0 || !rule.accept().test(m.group(rule.group()))) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(current.length());
                }
                out.append(current, last, start).append(rule.marker());
                last = end;
                count++;
            }
            if (out != null) {
                current = out.append(current, last, current.length()).toString();
            }
        }
        return new Result(current, count);
    }

    /**
     * The matches of one rule in one text, in order. A rule with candidates tries each candidate start once,
     * anchored, and after a failed attempt resumes past the run it scanned, so the search is linear in the text.
     */
    private static final class Matches {
        private final RedactionRule rule;
        private final Matcher m;
        private final String text;
        private final Matcher candidates;
        private int from;

        Matches(RedactionRule rule, String text) {
            this.rule = rule;
            this.text = text;
            this.m = rule.pattern().matcher(text);
            this.candidates = rule.candidate() == null ? null : rule.candidate().matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false);
        }

        /** Moves to the next match; false when there is none. */
        boolean next() {
            if (candidates == null) {
                return m.find();
            }
            while (from < text.length() && candidates.find(from)) {
                int start = candidates.start();
                m.region(start, text.length());
                if (m.lookingAt()) {
                    from = Math.max(m.end(), start + 1);
                    return true;
                }
                int skip = start;
                while (skip < text.length() && rule.run().test(text.charAt(skip))) {
                    skip++;
                }
                from = Math.max(start + 1, skip);
            }
            return false;
        }

        Matcher matcher() {
            return m;
        }
    }

    /**
     * Redacts every string inside {@code data}, at any depth, in place. Field names are left alone.
     *
     * @return how many secrets were replaced
     */
    public static int redactInPlace(JsonNode data) {
        int count = 0;
        if (data instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    Result result = redact(value.textValue());
                    if (result.count() > 0) {
                        field.setValue(TextNode.valueOf(result.text()));
                        count += result.count();
                    }
                } else {
                    count += redactInPlace(value);
                }
            }
        } else if (data instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    Result result = redact(value.textValue());
                    if (result.count() > 0) {
                        array.set(i, TextNode.valueOf(result.text()));
                        count += result.count();
                    }
                } else {
                    count += redactInPlace(value);
                }
            }
        }
        return count;
    }

    /** {@code String.contains}, ignoring ASCII case, without copying the text. */
    static boolean containsIgnoreCase(String text, String lowerNeedle) {
        char first = lowerNeedle.charAt(0);
        char upper = Character.toUpperCase(first);
        int last = text.length() - lowerNeedle.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == upper) && text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }

    private static int digits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean isSchemeChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.'
                || c == '-';
    }

    /** 13 to 19 digits (separators aside), starting 2–6 like the card networks' numbers, whose Luhn sum is right. */
    static boolean isCardNumber(String candidate) {
        StringBuilder kept = new StringBuilder(candidate.length());
        candidate.chars().filter(c -> c != ' ' && c != '-').forEach(c -> kept.append((char) c));
        String digits = kept.toString();
        if (digits.length() < 13 || digits.length() > 19 || digits.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
