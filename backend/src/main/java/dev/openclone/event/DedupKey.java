package dev.openclone.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of an event for deduplication within a tenant (SPEC §4): SHA-256 of
 * {@code source_type \n plugin_id \n raw_ref}, or, without a raw_ref, SHA-256 of the event's canonical JSON
 * (source_type, plugin_id, device_id, timestamp, data; keys sorted, numbers in one form), so that a retried
 * event without raw_ref is still recognised.
 */
public record DedupKey(byte[] bytes) {

    private static final JsonFactory JSON = new JsonFactory();

    public DedupKey {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a dedup key is 32 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static DedupKey of(IngestBatch batch, IngestBatch.Event event) {
        if (event.rawRef() != null) {
            return new DedupKey(Sha256.of(batch.sourceType().wireName() + "\n" + batch.pluginId() + "\n"
                    + event.rawRef()));
        }
        return new DedupKey(Sha256.of(canonical(batch, event)));
    }

    public static String canonical(IngestBatch batch, IngestBatch.Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName("data");
            write(json, event.data());
            json.writeStringField("device_id", batch.deviceId());
            json.writeStringField("plugin_id", batch.pluginId());
            json.writeStringField("source_type", batch.sourceType().wireName());
            json.writeFieldName("timestamp");
            json.writeRawValue(Numbers.canonical(BigDecimal.valueOf(event.timestamp())));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator json, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            json.writeStartObject();
            for (String name : names) {
                json.writeFieldName(name);
                write(json, node.get(name));
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode item : node) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (node.isNumber()) {
            BigDecimal value = node.isFloatingPointNumber() && !node.isBigDecimal()
                    ? BigDecimal.valueOf(node.doubleValue())
                    : node.decimalValue();
            json.writeRawValue(Numbers.canonical(value));
        } else if (node.isTextual()) {
            json.writeString(node.textValue());
        } else if (node.isBoolean()) {
            json.writeBoolean(node.booleanValue());
        } else {
            json.writeNull();
        }
    }


    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
