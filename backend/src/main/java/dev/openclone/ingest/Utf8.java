package dev.openclone.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text that cannot be written faithfully is refused, not mended: a body that is not well-formed UTF-8 (overlong
 * forms such as {@code C0 AF}, code points past U+10FFFF, encoded surrogates, truncated sequences), and strings
 * whose {@code \\uD800}-style escapes leave a surrogate unpaired. Both would otherwise turn into {@code ?} or
 * U+FFFD on the way to the disk, so two different raw_refs could become one dedup key.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = b == 0xE0 ? 0xA0 : 0x80;
                max = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = b == 0xF0 ? 0x90 : 0x80;
                max = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            if (i + length > bytes.length) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** Reports every string and field name under {@code node} with an unpaired surrogate, at its location. */
    static void unpairedSurrogates(JsonNode node, List<Object> loc, FieldCheck check) {
        if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                check.add(loc, "String should be valid Unicode: it holds an unpaired surrogate (\\\\uD800-\\\\uDFFF)",
                        "string_unicode");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<Object> at = FieldCheck.at(loc, field.getKey());
                if (hasUnpairedSurrogate(field.getKey())) {
                    check.add(at, "Field names should be valid Unicode: this one holds an unpaired surrogate",
                            "string_unicode");
                }
                unpairedSurrogates(field.getValue(), at, check);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unpairedSurrogates(node.get(i), FieldCheck.at(loc, i), check);
            }
        }
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
