package dev.openclone.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every validation rule of SPEC §4 and §5 over HTTP: each bad body is a 422 naming the field, and stores nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ValidationTest {

    /** The server's clock: 2024-03-01T00:00:00Z, so "now + 24 h" is an exact edge. */
    static final double NOW = 1_709_251_200.0;

    TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir, TestServer.UTC, Clock.fixed(Instant.ofEpochSecond((long) NOW), ZoneOffset.UTC),
                s -> s);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static ObjectNode valid() {
        ObjectNode batch = Bodies.batch("braindump");
        Bodies.event(batch, Bodies.SEED_TIME, "ok-1").put("text", "fine");
        return batch;
    }

    static ObjectNode withData(String sourceType, Consumer<ObjectNode> fill) {
        ObjectNode batch = Bodies.batch(sourceType);
        fill.accept(Bodies.event(batch, Bodies.SEED_TIME, "r1"));
        return batch;
    }

    static ObjectNode first(ObjectNode batch) {
        return (ObjectNode) batch.get("events").get(0);
    }

    static Arguments bad(String name, ObjectNode body, String loc, String type) {
        return Arguments.of(name, body.toString(), loc, type);
    }

    public static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("source_type missing", apply(valid(), b -> b.remove("source_type")), "[\"body\",\"source_type\"]",
                        "missing"),
                bad("source_type unknown", apply(valid(), b -> b.put("source_type", "video")),
                        "[\"body\",\"source_type\"]", "enum"),
                bad("conversation turn without its transcript", apply(valid(), b -> b.put("source_type",
                        "conversation")), "[\"body\",\"events\",0,\"data\",\"messages\"]", "missing"),
                bad("source_type not a string", apply(valid(), b -> b.put("source_type", 3)),
                        "[\"body\",\"source_type\"]", "string_type"),
                bad("platform unknown", apply(valid(), b -> b.put("platform", "beos")), "[\"body\",\"platform\"]",
                        "enum"),
                bad("device_id empty", apply(valid(), b -> b.put("device_id", "")), "[\"body\",\"device_id\"]",
                        "value_error"),
                bad("device_id with a slash", apply(valid(), b -> b.put("device_id", "../etc")),
                        "[\"body\",\"device_id\"]", "value_error"),
                bad("device_id of 129 characters", apply(valid(), b -> b.put("device_id", "d".repeat(129))),
                        "[\"body\",\"device_id\"]", "value_error"),
                bad("plugin_id not kebab-case", apply(valid(), b -> b.put("plugin_id", "My_Plugin")),
                        "[\"body\",\"plugin_id\"]", "value_error"),
                bad("plugin_id of 65 characters", apply(valid(), b -> b.put("plugin_id", "p".repeat(65))),
                        "[\"body\",\"plugin_id\"]", "string_too_long"),
                bad("plugin_version not semver", apply(valid(), b -> b.put("plugin_version", "1.0")),
                        "[\"body\",\"plugin_version\"]", "value_error"),
                bad("timestamp as a string", apply(valid(), b -> b.put("timestamp", "1708258800")),
                        "[\"body\",\"timestamp\"]", "float_type"),
                bad("timestamp as a boolean", apply(valid(), b -> b.put("timestamp", true)),
                        "[\"body\",\"timestamp\"]", "float_type"),
                bad("timestamp before 2020", apply(valid(), b -> b.put("timestamp", 1_577_836_799.999)),
                        "[\"body\",\"timestamp\"]", "value_error"),
                bad("events missing", apply(valid(), b -> b.remove("events")), "[\"body\",\"events\"]", "missing"),
                bad("events empty", apply(valid(), b -> b.putArray("events")), "[\"body\",\"events\"]", "too_short"),
                bad("events not a list", apply(valid(), b -> b.put("events", "x")), "[\"body\",\"events\"]",
                        "list_type"),
                bad("501 events", apply(Bodies.batch("braindump"), b -> {
                    for (int i = 0; i < 501; i++) {
                        Bodies.event(b, Bodies.SEED_TIME, "r" + i).put("text", "t");
                    }
                }), "[\"body\",\"events\"]", "too_long"),
                bad("event not an object", apply(valid(), b -> b.withArray("events").add(5)),
                        "[\"body\",\"events\",1]", "model_attributes_type"),
                bad("event timestamp missing", apply(valid(), b -> first(b).remove("timestamp")),
                        "[\"body\",\"events\",0,\"timestamp\"]", "missing"),
                bad("event timestamp more than 24 h ahead",
                        apply(valid(), b -> first(b).put("timestamp", NOW + 86_400.001)),
                        "[\"body\",\"events\",0,\"timestamp\"]", "value_error"),
                bad("event timestamp infinite (1e400)", apply(valid(), b -> first(b).put("timestamp",
                        new java.math.BigDecimal("1e400"))), "[\"body\",\"events\",0,\"timestamp\"]",
                        "finite_number"),
                bad("data missing", apply(valid(), b -> first(b).remove("data")),
                        "[\"body\",\"events\",0,\"data\"]", "missing"),
                bad("data not an object", apply(valid(), b -> first(b).put("data", "text")),
                        "[\"body\",\"events\",0,\"data\"]", "dict_type"),
                bad("raw_ref empty", apply(valid(), b -> first(b).put("raw_ref", "")),
                        "[\"body\",\"events\",0,\"raw_ref\"]", "string_too_short"),
                bad("raw_ref a number", apply(valid(), b -> first(b).put("raw_ref", 12)),
                        "[\"body\",\"events\",0,\"raw_ref\"]", "string_type"),
                bad("braindump text missing", withData("braindump", d -> d.put("other", "x")),
                        "[\"body\",\"events\",0,\"data\",\"text\"]", "missing"),
                bad("braindump text blank", withData("braindump", d -> d.put("text", "  \n ")),
                        "[\"body\",\"events\",0,\"data\",\"text\"]", "value_error"),
                bad("audio confidence above 1", withData("audio_system", d -> d.put("text", "x").put("confidence", 1.5)),
                        "[\"body\",\"events\",0,\"data\",\"confidence\"]", "less_than_equal"),
                bad("audio duration a string", withData("audio_mic", d -> d.put("text", "x").put("duration", "60")),
                        "[\"body\",\"events\",0,\"data\",\"duration\"]", "float_type"),
                bad("screen_ocr window_title a number",
                        withData("screen_ocr", d -> d.put("text", "x").put("window_title", 4)),
                        "[\"body\",\"events\",0,\"data\",\"window_title\"]", "string_type"),
                bad("web_browsing url missing", withData("web_browsing", d -> d.put("title", "x")),
                        "[\"body\",\"events\",0,\"data\",\"url\"]", "missing"),
                bad("music track missing", withData("music", d -> d.put("artist", "x")),
                        "[\"body\",\"events\",0,\"data\",\"track\"]", "missing"),
                bad("health without a numeric metric", withData("health", d -> d.put("steps", "many")),
                        "[\"body\",\"events\",0,\"data\",\"steps\"]", "float_type"),
                bad("health with no metric at all", withData("health", d -> d.put("note", "tired")),
                        "[\"body\",\"events\",0,\"data\"]", "value_error"),
                bad("calendar start missing", withData("calendar", d -> d.put("title", "Standup")),
                        "[\"body\",\"events\",0,\"data\",\"start\"]", "missing"),
                bad("calendar start not a time", withData("calendar", d -> d.put("title", "x").put("start", "soon")),
                        "[\"body\",\"events\",0,\"data\",\"start\"]", "datetime_type"),
                bad("notes with neither title nor text", withData("notes", d -> d.putArray("tags").add("a")),
                        "[\"body\",\"events\",0,\"data\"]", "value_error"),
                bad("notes tags not a list", withData("notes", d -> d.put("title", "x").put("tags", "a")),
                        "[\"body\",\"events\",0,\"data\",\"tags\"]", "list_type"),
                bad("gps latitude out of range", withData("gps", d -> d.put("lat", 91).put("lon", 0)),
                        "[\"body\",\"events\",0,\"data\",\"lat\"]", "less_than_equal"),
                bad("gps lon missing", withData("gps", d -> d.put("lat", 1)),
                        "[\"body\",\"events\",0,\"data\",\"lon\"]", "missing"),
                bad("photos filename missing", withData("photos", d -> d.put("location", "Berlin")),
                        "[\"body\",\"events\",0,\"data\",\"filename\"]", "missing"),
                bad("email subject missing", withData("email", d -> d.put("from", "a@b.c")),
                        "[\"body\",\"events\",0,\"data\",\"subject\"]", "missing"),
                bad("email with a body", withData("email", d -> d.put("subject", "Hi").put("body", "secret")),
                        "[\"body\",\"events\",0,\"data\",\"body\"]", "value_error"),
                bad("email with html", withData("email", d -> d.put("subject", "Hi").put("html", "<p>")),
                        "[\"body\",\"events\",0,\"data\",\"html\"]", "value_error"),
                bad("messaging from missing", withData("messaging", d -> d.put("preview", "hi")),
                        "[\"body\",\"events\",0,\"data\",\"from\"]", "missing"),
                bad("messaging preview of 281 characters",
                        withData("messaging", d -> d.put("from", "Ann").put("preview", "x".repeat(281))),
                        "[\"body\",\"events\",0,\"data\",\"preview\"]", "string_too_long"),
                bad("activity app_name missing", withData("activity", d -> d.put("category", "work")),
                        "[\"body\",\"events\",0,\"data\",\"app_name\"]", "missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIs422WithTheFieldAndStoresNothing(String name, String body, String loc, String type)
            throws Exception {
        long filesBefore = vaultFiles();

        Http.Response response = server.http().ingest(body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode errors = response.json().get("detail");
        assertThat(errors.isArray()).isTrue();
        assertThat(errors).anySatisfy(error -> {
            assertThat(error.get("loc").toString()).isEqualTo(loc);
            assertThat(error.get("type").asText()).isEqualTo(type);
            assertThat(error.get("msg").asText()).isNotBlank();
        });
        assertThat(vaultFiles()).isEqualTo(filesBefore);
    }

    @Test
    void everyErrorIsReportedAtOnceAndNoEventOfTheBatchIsStored() throws Exception {
        ObjectNode batch = Bodies.batch("braindump");
        batch.put("platform", "amiga");
        Bodies.event(batch, Bodies.SEED_TIME, "good-0").put("text", "valid event");
        Bodies.event(batch, Bodies.SEED_TIME, "bad-1");
        Bodies.event(batch, 1_000.0, "bad-2").put("text", "old");
        Bodies.event(batch, Bodies.SEED_TIME, "good-3").put("text", "another valid event");

        Http.Response response = server.http().ingest(batch.toString());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail")).extracting(e -> e.get("loc").toString()).containsExactly(
                "[\"body\",\"platform\"]", "[\"body\",\"events\",1,\"data\",\"text\"]",
                "[\"body\",\"events\",2,\"timestamp\"]");
        assertThat(server.file("Braindump/2024-02-18.md")).doesNotContain("valid event");
        // Fixed, the same batch stores both good events: nothing was marked as seen.
        batch.put("platform", "macos");
        batch.withArray("events").remove(2);
        batch.withArray("events").remove(1);
        assertThat(server.http().ingest(batch.toString()).json().get("stored").asInt()).isEqualTo(2);
    }

    @Test
    void timestampsOnBothEdgesOfTheWindowAreAccepted() throws Exception {
        ObjectNode batch = Bodies.batch("braindump");
        batch.put("timestamp", NOW + 86_400);
        Bodies.event(batch, 1_577_836_800.0, "edge-min").put("text", "first second of 2020");
        Bodies.event(batch, NOW + 86_400, "edge-max").put("text", "exactly 24 h ahead");

        Http.Response response = server.http().ingest(batch.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("stored").asInt()).isEqualTo(2);
        assertThat(server.file("Braindump/2020-01-01.md")).contains("first second of 2020");
        assertThat(server.file("Braindump/2024-03-02.md")).contains("exactly 24 h ahead");
    }

    @Test
    void malformedJsonAndNaNAreJsonDecodeErrors() throws Exception {
        for (String body : new String[] {"{\"source_type\": ", "{\"timestamp\": NaN}", "{\"timestamp\": Infinity}",
            "{} trailing", "{\"a\":1,\"a\":2}"}) {
            Http.Response response = server.http().ingest(body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("type").asText()).as(body).isEqualTo("json_invalid");
        }
        Http.Response empty = server.http().ingest("");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("detail").get(0).get("type").asText()).isEqualTo("missing");
        Http.Response array = server.http().ingest("[]");
        assertThat(array.json().get("detail").get(0).get("type").asText()).isEqualTo("model_attributes_type");
    }

    /** One valid body per source type, with optional fields. */
    public static ObjectNode[] goodBodies() {
        return new ObjectNode[] {
            withData("audio_system", d -> d.put("text", "t").put("duration", 60).put("confidence", 0.9)),
            withData("audio_mic", d -> d.put("text", "t")),
            withData("screen_ocr", d -> d.put("text", "t").put("app_name", "Code").put("url", "https://x.y")),
            withData("journal", d -> d.put("text", "t").put("duration", 12.5)),
            withData("web_browsing", d -> d.put("url", "https://example.com/a").put("reading_time", 30)),
            withData("music", d -> d.put("track", "So What").put("duration", 562)),
            withData("health", d -> d.put("steps", 8432).put("custom_metric", 3)),
            withData("calendar", d -> d.put("title", "Standup").put("start", "2024-02-18T09:00:00+01:00")
                    .put("end", 1_708_246_800).putArray("attendees").add("Ann").addObject().put("email", "b@c.d")),
            withData("notes", d -> d.put("title", "Idea").putArray("tags").add("work")),
            withData("gps", d -> d.put("lat", 52.52).put("lon", 13.40).put("accuracy", 12)),
            withData("photos", d -> d.put("filename", "IMG_1.jpg").put("timestamp", "2024-02-18")
                    .putObject("location").put("lat", 1).put("lon", 2)),
            withData("email", d -> d.put("subject", "Hi").putArray("to").add("a@b.c")),
            withData("messaging", d -> d.put("from", "Ann").put("preview", "x".repeat(280))),
            withData("activity", d -> d.put("app_name", "Code").put("duration", 1500)),
            withData("braindump", d -> d.put("text", "t").put("extra_field_kept", true)),
        };
    }

    @Test
    void validBodiesOfEverySourceTypeAreAccepted() throws Exception {
        for (ObjectNode body : goodBodies()) {
            Http.Response response = server.http().ingest(body.toString());
            assertThat(response.status()).as(body.get("source_type") + ": " + response.body()).isEqualTo(200);
        }
    }

    private long vaultFiles() throws Exception {
        return VaultNotes.of(server.vault()).size();
    }

    private static ObjectNode apply(ObjectNode body, Consumer<ObjectNode> change) {
        change.accept(body);
        return body;
    }
}
