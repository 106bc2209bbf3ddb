package dev.openclone.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.ingest.IngestValidator;
import dev.openclone.plugin.ManifestValidator;
import dev.openclone.support.Bodies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for plugin ids and versions: what {@code plugin check} accepts, ingest accepts, and no more. */
class IdentifiersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "1.0.0, true", "0.0.0, true", "10.20.30, true", "1.0.0-rc.1, true", "1.0.0-alpha-1.0+build.5, true",
        "1.0.0+20130313144700, true", "1.0.0-0.3.7, true", "1.0.0-x.7.z.92, true", "1.0.0-01, false",
        "01.0.0, false", "1.0, false", "1.0.0-, false", "1.0.0+, false", "1.0.0-a..b, false", "1.0.0-é, false",
        "v1.0.0, false", "1.0.0.0, false", "'', false"})
    void versionsAreCheckedAlikeByPluginCheckAndIngest(String version, boolean valid) throws Exception {
        assertThat(Identifiers.isSemver(version)).isEqualTo(valid);
        assertThat(manifestAccepts("version", version)).as("plugin check").isEqualTo(valid);
        assertThat(ingestAccepts("plugin_version", version)).as("ingest").isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"my-plugin, true", "a, true", "a1-b2-c3, true", "My-plugin, false", "my--plugin, false",
        "-my, false", "my-, false", "my_plugin, false", "'', false"})
    void pluginIdsAreCheckedAlikeByPluginCheckAndIngest(String id, boolean valid) throws Exception {
        assertThat(Identifiers.isPluginId(id)).isEqualTo(valid);
        assertThat(manifestAccepts("id", id)).as("plugin check").isEqualTo(valid);
        assertThat(ingestAccepts("plugin_id", id)).as("ingest").isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"65, false", "64, true"})
    void pluginIdsHaveAtMostSixtyFourCharacters(int length, boolean valid) {
        assertThat(Identifiers.isPluginId("a".repeat(length))).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"1200", "100000"})
    void aHugeVersionIsRefusedWithoutRecursion(int repeats) {
        assertThat(Identifiers.isSemver("1.0.0-" + "a.".repeat(repeats) + "a")).isFalse();
    }

    private static boolean manifestAccepts(String field, String value) throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree("{\"id\": \"my-plugin\", \"name\": \"Mine\", \"version\": "
                + "\"1.0.0\", \"platform\": [\"linux\"], \"source_types\": [\"notes\"], \"sensitivity\": \"LOW\"}");
        manifest.put(field, value);
        return ManifestValidator.validate(manifest).manifest().isPresent();
    }

    private static boolean ingestAccepts(String field, String value) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Bodies.SEED_CURL_BODY);
        body.put(field, value);
        return IngestValidator.validate(body, Bodies.SEED_TIME + 60).batch().isPresent();
    }
}
