package dev.openclone.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named parameters of a request, wherever they came from: the query string of an HTTP request, or the arguments
 * of an MCP tool call. One validation reads both, so a parameter means the same, with the same error, on each.
 */
public interface Params {

    /** The first value of {@code name}, or null when it is absent. */
    String first(String name);

    /** Every value of {@code name}, in order; empty when it is absent. */
    List<String> all(String name);

    /** The names present. */
    Set<String> names();

    /** The query parameters of {@code ctx}. */
    static Params of(Context ctx) {
        return of(ctx.queryParamMap());
    }

    /**
     * The fields of a JSON object as parameters: a string as it is, a number in plain digits ({@code 5.0} is
     * {@code 5}, never {@code 5E0}), a boolean as {@code true}/{@code false}, an array as its items; null fields
     * are left out.
     */
    static Params of(JsonNode object) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                return;
            }
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> items.add(text(item)));
            } else {
                items.add(text(value));
            }
            values.put(field.getKey(), items);
        });
        return of(values);
    }

    private static String text(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Parameters already split into values. */
    static Params of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = Map.copyOf(values);
        return new Params() {
            @Override
            public String first(String name) {
                List<String> found = copy.get(name);
                return found == null || found.isEmpty() ? null : found.get(0);
            }

            @Override
            public List<String> all(String name) {
                return copy.getOrDefault(name, List.of());
            }

            @Override
            public Set<String> names() {
                return copy.keySet();
            }
        };
    }
}
