package dev.openclone.vault;

/**
 * Turns untrusted captured text into Markdown that Obsidian (and any CommonMark renderer) shows as exactly that
 * text: it can open no heading, separator, frontmatter, list, quote, table, code, HTML, link, embed, tag,
 * highlight, comment, block id or math, and it can never end an entry early. A character is backslash-escaped
 * only where it would change how the line renders (see {@link #needsEscape}), so the source view stays readable;
 * leading indentation, which Markdown would show as code or drop, is removed; control characters are dropped.
 */
public final class MarkdownText {

    /** Every ASCII character that can need an escape somewhere on a line; a line without any is copied as is. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "\\`*_[]<#|~$^=%&.)-+>".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private MarkdownText() {
    }

    /**
     * Text of several lines: newlines normalised to {@code \n}, runs of blank lines folded into one, leading and
     * trailing blank lines removed. Returns the empty string for blank input.
     */
    public static String block(String raw) {
        String[] lines = clean(raw, true).split("\n", -1);
        StringBuilder out = new StringBuilder(raw.length() + 16);
        boolean pendingBlank = false;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                pendingBlank = out.length() > 0;
                continue;
            }
            if (pendingBlank) {
                out.append("\n\n");
            } else if (out.length() > 0) {
                out.append('\n');
            }
            pendingBlank = false;
            escapeLine(stripped, out);
        }
        return out.toString();
    }

    /** One line of text (newlines become spaces), safe anywhere on a line, including its start. */
    public static String inline(String raw) {
        String line = clean(raw, false).strip();
        StringBuilder out = new StringBuilder(line.length() + 8);
        escapeLine(line, out);
        return out.toString();
    }

    /** Like {@link #inline}, shortened to at most {@code maxChars} characters of the original text. */
    public static String inline(String raw, int maxChars) {
        String line = clean(raw, false).strip();
        if (line.codePointCount(0, line.length()) > maxChars) {
            line = line.substring(0, line.offsetByCodePoints(0, maxChars - 1)).strip() + "…";
        }
        return inline(line);
    }

    /**
     * Normalises newlines and drops what must not reach the file: C0 and C1 control characters other than tab
     * and newline, bidirectional overrides (which could make text display as something else) and byte order
     * marks. Tabs become spaces.
     */
    static String clean(String raw, boolean keepNewlines) {
        if (isClean(raw, keepNewlines)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
                c = '\n';
            }
            if (c == '\n') {
                out.append(keepNewlines ? '\n' : ' ');
            } else if (c == '\t') {
                out.append(' ');
            } else if (!dropped(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when {@link #clean} would change nothing: the common case, which then costs no copy. */
    private static boolean isClean(String raw, boolean keepNewlines) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 ? !(keepNewlines && c == '\n') : c >= 0x7f && (c <= 0x9f || c == '\u2028' || c == '\u2029'
                    || dropped(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean dropped(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\ufeff' || c == '\u200e' || c == '\u200f';
    }

    /**
     * Text as a reader sees it: every backslash before ASCII punctuation taken out (what {@link #block} added, or a
     * person typed). For an entry a person edited, whose text the index takes in.
     */
    public static String unescape(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Escapes one non-blank line that has no leading or trailing white space: only where a character would change
     * how the line renders, so the source stays readable ({@code snake_case}, {@code C#}, {@code x^2} and the
     * server's own {@code [REDACTED:kind]} markers are left as they are).
     */
    private static void escapeLine(String line, StringBuilder out) {
        if (!hasSpecial(line)) {
            out.append(line);
            return;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int marker = c == '[' ? redactionMarker(line, i) : 0;
            if (marker > 0) {
                out.append(line, i, i + marker);
                i += marker - 1;
                continue;
            }
            char prev = i > 0 ? line.charAt(i - 1) : ' ';
            char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
            if (needsEscape(line, i, c, prev, next)) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static boolean needsEscape(String line, int i, char c, char prev, char next) {
        return switch (c) {
            // code, emphasis, HTML and autolinks, tables, math, links, wikilinks, embeds, strikethrough (one ~ is
            // enough in GFM): wherever they stand
            case '`', '*', '<', '|', '$', '[', '~' -> true;
            // a backslash only escapes punctuation, and at the end of a line it is a hard break
            case '\\' -> i == line.length() - 1 || isAsciiPunctuation(next);
            // emphasis with _ cannot open or close inside a word
            case '_' -> !(Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next));
            // a heading at the start, an Obsidian #tag or ^block-id after a space; not in C# or x^2
            case '#', '^' -> !Character.isLetterOrDigit(prev) || i == 0;
            case '-', '+', '>' -> i == 0;
            case '=' -> i == 0 || prev == '=' || next == '=';
            case '%' -> prev == '%' || next == '%';
            case '&' -> isEntity(line, i);
            case '.', ')' -> onlyDigitsBefore(line, i);
            default -> false;
        };
    }

    /**
     * The length of the server's own redaction marker {@code [REDACTED:kind]} at {@code at}, or 0. It is left
     * unescaped unless what follows could make it a link ({@code (}, {@code [}) or a link definition ({@code :}).
     */
    private static int redactionMarker(String line, int at) {
        if (!line.startsWith("[REDACTED:", at)) {
            return 0;
        }
        int i = at + "[REDACTED:".length();
        int kindStart = i;
        while (i < line.length() && (Character.isLowerCase(line.charAt(i)) || line.charAt(i) == '_')
                && line.charAt(i) < 128) {
            i++;
        }
        if (i == kindStart || i >= line.length() || line.charAt(i) != ']') {
            return 0;
        }
        char after = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
        return after == '(' || after == '[' || after == ':' ? 0 : i + 1 - at;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && c > ' ' && !Character.isLetterOrDigit(c);
    }

    private static boolean hasSpecial(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 128 && SPECIAL[c]) {
                return true;
            }
        }
        return false;
    }

    /** {@code &name;}, {@code &#123;} or {@code &#x1F;}: an entity a renderer would decode. */
    private static boolean isEntity(String line, int amp) {
        int i = amp + 1;
        if (i < line.length() && line.charAt(i) == '#') {
            i++;
        }
        int begin = i;
        while (i < line.length() && Character.isLetterOrDigit(line.charAt(i)) && i - begin < 32) {
            i++;
        }
        return i > begin && i < line.length() && line.charAt(i) == ';';
    }

    /** An ordered-list marker: "12." or "3)" at the start of a line. */
    private static boolean onlyDigitsBefore(String line, int index) {
        if (index == 0 || index > 9) {
            return false;
        }
        for (int i = 0; i < index; i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
