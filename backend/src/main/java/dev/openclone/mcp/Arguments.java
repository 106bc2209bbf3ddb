package dev.openclone.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.Responses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one tool call, as the client sent them (JSON values). A tool reads them through
 * {@link #params()}, the view the HTTP endpoints validate, so {@code limit: 5} and {@code ?limit=5} are checked by
 * the same code and fail with the same message.
 */
final class Arguments {

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    /** The names given that the tool does not take, sorted; a model that guessed a name learns the right ones. */
    List<String> unknown(Set<String> known) {
        return values.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
    }

    boolean has(String name) {
        Object value = values.get(name);
        return value != null && !(value instanceof String text && text.isBlank());
    }

    /** The value of {@code name} as the client sent it (a String, Number, Boolean, List or Map), or null. */
    Object raw(String name) {
        return values.get(name);
    }

    /** The value of {@code name} as text (a number as written, a list as its items), or null. */
    String text(String name) {
        return params().first(name);
    }

    /** The arguments as parameters: a string as it is, a number in plain digits, a list as its items. */
    Params params() {
        return params(Map.of());
    }

    /** {@link #params()}, with {@code defaults} for the names not given. */
    Params params(Map<String, String> defaults) {
        Map<String, List<String>> split = new LinkedHashMap<>();
        defaults.forEach((name, value) -> split.put(name, List.of(value)));
        values.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            List<String> items = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> items.add(plain(item)));
            } else {
                items.add(plain(value));
            }
            split.put(name, items);
        });
        return Params.of(split);
    }

    private static String plain(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            // 5.0 from a client that sends every number as a double is the whole number 5.
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        try {
            return Responses.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Field errors as a model reads them: {@code limit: Input should be a whole number from 1 to 100}. */
    static String describe(Object detail) {
        if (detail instanceof List<?> errors) {
            List<String> lines = new ArrayList<>();
            for (Object error : errors) {
                if (error instanceof FieldError field) {
                    lines.add(field.loc().get(field.loc().size() - 1) + ": " + field.msg());
                } else {
                    lines.add(String.valueOf(error));
                }
            }
            return String.join("\n", lines);
        }
        return String.valueOf(detail);
    }
}
