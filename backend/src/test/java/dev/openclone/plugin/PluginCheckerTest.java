package dev.openclone.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.event.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each item of the publishing checklist catches its failure; the scaffold and the catalogue pass. */
class PluginCheckerTest {

    /** The repository's catalogue; tests run in the backend module's folder. */
    static final Path CATALOGUE = Path.of("..", "plugins");

    @TempDir
    Path dir;

    @Test
    void scaffoldedPluginPassesForEverySourceTypeItCanSend() throws Exception {
        for (SourceType type : SourceType.values()) {
            if (type != SourceType.CONVERSATION) {
                Path plugin = PluginScaffold.create(dir, "my-" + type.wireName().replace('_', '-'), type);
                assertThat(PluginChecker.check(plugin)).as(type.wireName()).isEmpty();
            }
        }
    }

    @Test
    void missingManifest() throws Exception {
        Path plugin = scaffold();
        Files.delete(plugin.resolve("plugin.json"));
        assertThat(PluginChecker.check(plugin)).containsExactly(
                "plugin.json: missing (see docs/plugins.md, or start with: openclone plugin new ID)");
    }

    @Test
    void invalidManifestReportsEachField() throws Exception {
        Path plugin = scaffold();
        replace(plugin.resolve("plugin.json"), "\"version\": \"0.1.0\"", "\"version\": \"one\"");
        assertThat(PluginChecker.check(plugin)).containsExactly(
                "plugin.json: version: 'one' must be a semantic version such as 1.0.0");
    }

    @Test
    void unknownSourceType() throws Exception {
        Path plugin = scaffold();
        replace(plugin.resolve("plugin.json"), "[\"notes\"]", "[\"notez\"]");
        assertThat(PluginChecker.check(plugin)).singleElement().asString()
                .startsWith("plugin.json: source_types[0]: \"notez\" is not one of");
    }

    @Test
    void missingReadme() throws Exception {
        Path plugin = scaffold();
        Files.delete(plugin.resolve("README.md"));
        assertThat(PluginChecker.check(plugin)).containsExactly(
                "README.md: missing (say what the plugin captures and how to install it)");
    }

    @Test
    void readmeWithoutInstallSteps() throws Exception {
        Path plugin = scaffold();
        Files.writeString(plugin.resolve("README.md"), "# My notes\n\nIt sends notes.\n");
        assertThat(PluginChecker.check(plugin)).containsExactly(
                "README.md: no install steps (add a section such as \"## Install\" or \"## Setup\")");
    }

    @Test
    void installScriptNotExecutableOrWithoutShebang() throws Exception {
        Path plugin = scaffold();
        Files.writeString(plugin.resolve("install.sh"), "echo hi\n");
        Files.setPosixFilePermissions(plugin.resolve("install.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PluginChecker.check(plugin)).containsExactly(
                "install.sh: not executable (run: chmod +x install.sh)",
                "install.sh: no #! line (start it with #!/usr/bin/env bash)");
    }

    @Test
    void hardCodedKeysAndPersonalDataAreFoundWithFileAndLine() throws Exception {
        Path plugin = scaffold();
        Files.writeString(plugin.resolve("client.py"), String.join("\n",
                "URL = 'http://127.0.0.1:8000'",
                "headers = {'X-API-Key': 'k3Y9fQ2mZ8pL4xW7vB1nR6tY'}",
                "KEY = 'oc_" + "A".repeat(20) + "b".repeat(23) + "'",
                "OPENAI = 'sk-proj-abcdEFGH1234ijklMNOP5678qrstUVWX'",
                "OWNER = 'jane.doe@gmail.com'",
                "DOCS = 'someone@example.com and X-API-Key: your-api-key'"));
        List<String> failures = PluginChecker.check(plugin);
        assertThat(failures).containsExactly(
                "client.py:2: looks like a hard-coded API key; read it from the environment or the user's settings "
                        + "instead",
                "client.py:3: looks like a hard-coded OpenClone key; read it from the environment or the user's "
                        + "settings instead",
                "client.py:4: looks like a hard-coded openai_key; read it from the environment or the user's settings "
                        + "instead",
                "client.py:5: looks like a hard-coded email address; read it from the environment or the user's "
                        + "settings instead");
    }

    @Test
    void highSensitivityPluginMustShipDisabled() throws Exception {
        Path plugin = PluginScaffold.create(dir, "my-health", SourceType.HEALTH);
        replace(plugin.resolve("plugin.json"), "\"default\": false", "\"default\": true");
        assertThat(PluginChecker.check(plugin)).containsExactly("plugin.json: sensitivity HIGH plugins must ship "
                + "disabled: add config_schema \"openclone.enabled\": {\"type\": \"boolean\", \"default\": false}");
    }

    @Test
    void wholeCatalogueOfTheRepositoryPassesAndTellsTheTruthAboutItsStatus() throws Exception {
        List<Path> plugins;
        try (Stream<Path> children = Files.list(CATALOGUE)) {
            plugins = children.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(plugins).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "openclone-mac-audio", "openclone-mac-screen", "openclone-browser", "openclone-mac-mic",
                "openclone-voice-journal", "openclone-windows-audio", "openclone-windows-screen",
                "openclone-linux-audio", "openclone-linux-screen", "openclone-health", "openclone-calendar",
                "openclone-obsidian", "openclone-lastfm", "openclone-openclaw-capture", "openclone-mic");
        for (Path plugin : plugins) {
            assertThat(PluginChecker.check(plugin)).as(plugin.toString()).isEmpty();
            Manifest manifest = PluginCatalog.read(plugin).manifest().orElseThrow();
            assertThat(manifest.id()).isEqualTo(plugin.getFileName().toString());
            Set<String> files;
            try (Stream<Path> all = Files.list(plugin)) {
                files = Set.copyOf(all.map(p -> p.getFileName().toString()).toList());
            }
            boolean onlyDescribed = Set.of("plugin.json", "README.md", "install.sh").containsAll(files);
            assertThat(manifest.status() == Manifest.Status.PLANNED).as("%s: status %s with files %s", plugin,
                    manifest.status(), files).isEqualTo(onlyDescribed);
        }
    }

    private Path scaffold() throws Exception {
        return PluginScaffold.create(dir, "my-notes", SourceType.NOTES);
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
