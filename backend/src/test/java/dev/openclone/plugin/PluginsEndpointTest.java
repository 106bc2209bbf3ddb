package dev.openclone.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.SourceType;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.TestServer;
import dev.openclone.tenant.TenantRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsEndpointTest {

    @TempDir
    Path dir;

    @Test
    void registryListsTheCatalogueBrokenManifestsIncludedWithEachTenantsOwnStats() throws Exception {
        Path plugins = copyCatalogue();
        Files.createDirectories(plugins.resolve("broken-json"));
        Files.writeString(plugins.resolve("broken-json/plugin.json"), "{\"id\": ");
        Files.createDirectories(plugins.resolve("bad-fields"));
        Files.writeString(plugins.resolve("bad-fields/plugin.json"), "{\"id\": \"bad-fields\", \"name\": \"Bad\", "
                + "\"version\": \"x\", \"platform\": [\"macos\"], \"source_types\": [\"health\"], \"sensitivity\": "
                + "\"LOW\"}");
        try (TestServer server = TestServer.start(dir, TestServer.UTC, Clock.systemUTC(), s -> s.plugins(plugins));
                TenantRegistry registry = TestServer.registry(dir)) {
            registry.addTenant("bob", dir.resolve("bob-vault"));
            String bobKey = registry.createKey("bob", "mac", Set.of(SourceType.AUDIO_SYSTEM), false).key();
            server.awaitKey(bobKey);
            server.http().ingest(audio("dev-a", "a1", "a2"));
            server.http().ingest(audio("dev-b", "b1"));
            server.http().ingest(audio("dev-a", "a1"));
            server.http().ingest(audio("bob-mac", "x1"), bobKey);

            JsonNode mine = plugins(server, TestServer.KEY).json().get("plugins");
            JsonNode bobs = plugins(server, bobKey).json().get("plugins");

            assertThat(mine).hasSize(17);
            JsonNode audio = find(mine, "openclone-mac-audio");
            assertThat(audio.get("status").asText()).isEqualTo("planned");
            assertThat(audio.get("valid").asBoolean()).isTrue();
            assertThat(audio.get("name").asText()).isEqualTo("Mac System Audio");
            assertThat(audio.get("stats").get("events").asLong()).isEqualTo(3);
            assertThat(audio.get("stats").get("devices").asInt()).isEqualTo(2);
            assertThat(audio.get("stats").get("last_seen").asDouble()).isPositive();
            JsonNode bobsAudio = find(bobs, "openclone-mac-audio");
            assertThat(bobsAudio.get("stats").get("events").asLong()).isEqualTo(1);
            assertThat(bobsAudio.get("stats").get("devices").asInt()).isEqualTo(1);
            assertThat(find(mine, "openclone-health").get("stats").get("last_seen").isNull()).isTrue();

            JsonNode brokenJson = find(mine, "broken-json");
            assertThat(brokenJson.get("valid").asBoolean()).isFalse();
            assertThat(brokenJson.get("errors").get(0).asText()).startsWith("plugin.json is not valid JSON");
            JsonNode badFields = find(mine, "bad-fields");
            assertThat(badFields.get("valid").asBoolean()).isFalse();
            assertThat(badFields.get("errors")).extracting(JsonNode::asText).anySatisfy(
                    e -> assertThat(e).startsWith("version: 'x'")).anySatisfy(
                    e -> assertThat(e).startsWith("sensitivity: LOW is lower than HIGH"));

            assertThat(plugins(server, "wrong").status()).isEqualTo(401);
        }
    }

    @Test
    void fiveMinutePathFromPluginNewToAnEntryInTheVault() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Path plugin = PluginScaffold.create(dir, "my-notes", SourceType.NOTES);
            assertThat(run(plugin, "./install.sh", server)).contains("my-notes is ready");

            String first = run(plugin, "./send-example.sh", server);
            String second = run(plugin, "./send-example.sh", server);

            assertThat(Bodies.JSON.readTree(first).get("stored").asInt()).as(first).isEqualTo(1);
            assertThat(Bodies.JSON.readTree(second).get("skipped").asInt()).as(second).isEqualTo(1);
            String file = Bodies.JSON.readTree(first).get("file").asText();
            assertThat(server.file(file)).contains("### ", "Hello from my-notes", "A first note.", "#test");
        }
    }

    private static String run(Path plugin, String script, TestServer server) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script).directory(plugin.toFile()).redirectErrorStream(true);
        builder.environment().put("OPENCLONE_URL", "http://127.0.0.1:" + server.port());
        builder.environment().put("API_KEY", TestServer.KEY);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    private static String audio(String device, String... refs) {
        ObjectNode batch = Bodies.batch("audio_system");
        batch.put("plugin_id", "openclone-mac-audio").put("device_id", device);
        for (String ref : refs) {
            Bodies.event(batch, Bodies.SEED_TIME, ref).put("text", "audio " + ref);
        }
        return batch.toString();
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.get("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + plugins);
    }

    private static Http.Response plugins(TestServer server, String key) throws Exception {
        return server.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/plugins")).header("X-API-Key", key).GET().build());
    }

    /** The catalogue's manifests and files, without a plugin's installed packages (node_modules: 800 MB). */
    private Path copyCatalogue() throws Exception {
        Path target = dir.resolve("plugins");
        try (Stream<Path> files = Files.walk(PluginCheckerTest.CATALOGUE)) {
            for (Path source : files.filter(p -> !p.toString().contains("node_modules")).toList()) {
                Path copy = target.resolve(PluginCheckerTest.CATALOGUE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
