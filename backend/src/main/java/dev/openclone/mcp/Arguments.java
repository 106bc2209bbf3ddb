package dev.openclone.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.http.FieldError;
import dev.openclone.http.Params;
import dev.openclone.http.Responses;
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

    /** The arguments as parameters ({@link Params#of(com.fasterxml.jackson.databind.JsonNode)}). */
    Params params() {
        return params(Map.of());
    }

    /** {@link #params()}, with {@code defaults} for the names not given. */
    Params params(Map<String, String> defaults) {
        ObjectNode given = Responses.JSON.valueToTree(values);
        defaults.forEach((name, value) -> {
            if (given.path(name).isNull() || given.path(name).isMissingNode()) {
                given.put(name, value);
            }
        });
        return Params.of(given);
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
