package dev.openclone.conversation;

/**
 * The few JavaScript string operations whose exact results the seed's files depend on: {@code trim},
 * {@code trimEnd}, {@code JSON.stringify} of a string and {@code Buffer.byteLength}. Java's own
 * {@code strip} and JSON writers differ in small ways (which spaces count, how control characters are escaped).
 */
public final class JsText {

    private JsText() {
    }

    /** ECMAScript WhiteSpace or LineTerminator. */
    static boolean isJsSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
                    0xFEFF -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    public static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && isJsSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code JSON.stringify(text)}: quotes, backslash, control characters and lone surrogates escaped. */
    public static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || loneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /** {@code Buffer.byteLength(text, "utf8")}: a lone surrogate counts as the 3 bytes of U+FFFD. */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * The longest prefix of {@code text}, in whole code points, of at most {@code maxBytes} UTF-8 bytes
     * (the seed's {@code truncateUtf8}).
     */
    public static String truncateUtf8(String text, long maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = utf8Length(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}
