package dev.openclone.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(int events, int textChars) {
        ObjectNode body = JSON.createObjectNode().put("source_type", "braindump").put("platform", "linux")
                .put("device_id", "d").put("plugin_id", "p").put("plugin_version", "1.0.0").put("timestamp", 1.7e9);
        for (int i = 0; i < events; i++) {
            body.withArray("events").addObject().put("timestamp", 1.7e9).put("raw_ref", "r" + i)
                    .putObject("data").put("text", "é".repeat(textChars));
        }
        return body;
    }

    @Test
    void everyBodyKeepsTheHeaderAndStaysWithinBothLimits() throws Exception {
        List<ObjectNode> bodies = Batches.split(body(1_203, 1_100));

        assertThat(bodies.stream().mapToInt(b -> b.withArray("events").size()).sum()).isEqualTo(1_203);
        for (ObjectNode body : bodies) {
            assertThat(body.withArray("events").size()).isBetween(1, IngestLimits.MAX_EVENTS);
            assertThat(JSON.writeValueAsBytes(body).length).isLessThanOrEqualTo(IngestLimits.MAX_BODY_BYTES);
            assertThat(body.get("plugin_id").asText()).isEqualTo("p");
        }
        // 2,200-byte texts: the byte limit binds before the count limit does.
        assertThat(bodies.get(0).withArray("events").size()).isLessThan(IngestLimits.MAX_EVENTS);
    }

    @Test
    void smallEventsFillBodiesOfFiveHundred() {
        List<ObjectNode> bodies = Batches.split(body(1_001, 5));
        assertThat(bodies).extracting(b -> b.withArray("events").size()).containsExactly(500, 500, 1);
    }

    @Test
    void aBodyWithoutEventsStaysOneBody() {
        assertThat(Batches.split(body(0, 0))).singleElement()
                .satisfies(b -> assertThat(b.withArray("events")).isEmpty());
    }
}
