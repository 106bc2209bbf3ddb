package dev.openclone.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The seed's example manifest, verbatim. */
    static final String SEED = """
            {
            "id": "my-audio-plugin",
            "name": "My Audio Capture",
            "version": "1.0.0",
            "platform": ["macos"],
            "source_types": ["audio_system"],
            "sensitivity": "MEDIUM",
            "requires_permissions": ["screen_recording"],
            "config_schema": {
            "chunk_duration": { "type": "integer", "default": 60 },
            "blocklist": { "type": "array", "default": ["Spotify", "Music"] }
            }
            }""";

    @Test
    void seedExampleIsValidAndPlannedByDefault() throws Exception {
        ManifestValidator.Result result = ManifestValidator.validate(JSON.readTree(SEED));
        assertThat(result.errors()).isEmpty();
        Manifest manifest = result.manifest().orElseThrow();
        assertThat(manifest.sourceTypes()).containsExactly(SourceType.AUDIO_SYSTEM);
        assertThat(manifest.status()).isEqualTo(Manifest.Status.PLANNED);
        assertThat(manifest.configSchema().get("chunk_duration").defaultValue().asInt()).isEqualTo(60);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                bad(m -> m.remove("id"), "id: required"),
                bad(m -> m.put("id", "My_Plugin"), "id: 'My_Plugin' must be kebab-case"),
                bad(m -> m.put("id", "a".repeat(65)), "id: '" + "a".repeat(65) + "' must be kebab-case"),
                bad(m -> m.put("name", ""), "name: must be a non-empty string"),
                bad(m -> m.put("version", "1.0"), "version: '1.0' must be a semantic version"),
                bad(m -> m.putArray("platform").add("beos"), "platform[0]: \"beos\" is not one of"),
                bad(m -> m.putArray("platform"), "platform: must be a non-empty list"),
                bad(m -> m.putArray("source_types").add("video"), "source_types[0]: \"video\" is not one of"),
                bad(m -> m.putArray("source_types").add("music").add("music"), "source_types[1]: \"music\" is listed "
                        + "twice"),
                bad(m -> m.put("sensitivity", "SECRET"), "sensitivity: 'SECRET' is not one of"),
                bad(m -> m.put("sensitivity", "LOW"), "sensitivity: LOW is lower than MEDIUM, the sensitivity of "
                        + "audio_system"),
                bad(m -> m.putArray("source_types").add("audio_system").add("email"),
                        "sensitivity: MEDIUM is lower than CRITICAL, the sensitivity of email"),
                bad(m -> m.putArray("requires_permissions").add(3), "requires_permissions[0]: must be a string"),
                bad(m -> m.putObject("config_schema").putObject("n").put("type", "integer").put("default", "60"),
                        "config_schema.n.default: \"60\" is not of type integer"),
                bad(m -> m.putObject("config_schema").putObject("n").put("type", "integer").put("default", 1.5),
                        "config_schema.n.default: 1.5 is not of type integer"),
                bad(m -> m.putObject("config_schema").putObject("n").put("type", "list").put("default", 1),
                        "config_schema.n.type: must be one of"),
                bad(m -> m.putObject("config_schema").putObject("n").put("type", "boolean"),
                        "config_schema.n.default: required"),
                bad(m -> m.put("status", "alpha"), "status: \"alpha\" is not one of"),
                bad(m -> m.put("homepage", "x"), "homepage: unknown field"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void brokenFieldIsNamedWithWhatToChange(ObjectNode manifest, String error) {
        ManifestValidator.Result result = ManifestValidator.validate(manifest);
        assertThat(result.manifest()).isEmpty();
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith(error));
    }

    @Test
    void statusAndDescriptionAreRead() throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(SEED);
        manifest.put("status", "beta").put("description", "Listens to meetings.");
        Manifest valid = ManifestValidator.validate(manifest).manifest().orElseThrow();
        assertThat(valid.status()).isEqualTo(Manifest.Status.BETA);
        assertThat(valid.description()).isEqualTo("Listens to meetings.");
    }

    static Arguments bad(Consumer<ObjectNode> change, String error) {
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(SEED);
            change.accept(manifest);
            return Arguments.of(manifest, error);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
