package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.support.AgentConfigFile;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.TestServer;
import dev.openclone.support.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Obsidian plugin end to end: the capture agent as its own process watching a temp Obsidian vault the test
 * edits, a real OpenClone server receiving the notes.
 */
class ObsidianAgentTest {


    @TempDir
    Path dir;

    @Test
    void importsThenSendsEachMeaningfulChangeOnceAndNothingAgainAfterARestart() throws Exception {
        Path vault = dir.resolve("My Vault");
        write(vault.resolve("Welcome.md"), "# Welcome\nThis vault holds the #garden plans.\n");
        write(vault.resolve("Projects/Roadmap.md"), """
                ---
                tags: [work, planning]
                ---
                # Roadmap
                Ship the greenhouse sensors before spring.
                """);
        write(vault.resolve(".obsidian/workspace.md"), "obsidian settings text");
        write(vault.resolve(".trash/Old.md"), "trashed note text");
        write(vault.resolve("Private/Diary.md"), "diary text that stays home");
        write(vault.resolve("Secret.md"), "---\nprivate: true\n---\nthe safe's code is under the mat");
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            Path config = config(server, vault, dir.resolve("state"));
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run1"), (String) null, "--config",
                    config.toString())) {
                JsonNode roadmap = notes(server).await(e -> e.at("/data/title").asText().equals("Roadmap"), 40);
                assertThat(roadmap.at("/data/change").asText()).isEqualTo("imported");
                assertThat(roadmap.at("/data/tags").toString()).isEqualTo("[\"work\",\"planning\"]");
                assertThat(roadmap.at("/data/path").asText()).isEqualTo("Projects/Roadmap.md");
                assertThat(roadmap.at("/data/vault").asText()).isEqualTo("My Vault");
                JsonNode welcome = notes(server).await(e -> e.at("/data/title").asText().equals("Welcome"), 40);
                assertThat(welcome.at("/data/tags").toString()).isEqualTo("[\"garden\"]");

                for (int i = 1; i <= 5; i++) { // a session of saves while typing
                    write(vault.resolve("Welcome.md"), "# Welcome\nThis vault holds the #garden plans" + ".".repeat(i)
                            + "\nTomatoes go in the east bed.\n");
                    Thread.sleep(300);
                }
                JsonNode changed = notes(server).await(e -> e.at("/data/change").asText().equals("changed"), 40);
                assertThat(changed.at("/data/text").asText()).contains("Tomatoes go in the east bed.");

                Files.createDirectories(vault.resolve("Archive"));
                Files.move(vault.resolve("Projects/Roadmap.md"), vault.resolve("Archive/Roadmap 2026.md"));
                JsonNode renamed = notes(server).await(e -> e.at("/data/change").asText().equals("renamed"), 40);
                assertThat(renamed.at("/data/previous_path").asText()).isEqualTo("Projects/Roadmap.md");
                assertThat(renamed.at("/data/path").asText()).isEqualTo("Archive/Roadmap 2026.md");

                Files.delete(vault.resolve("Welcome.md"));
                JsonNode deleted = notes(server).await(e -> e.at("/data/change").asText().equals("deleted"), 40);
                assertThat(deleted.at("/data/title").asText()).isEqualTo("Welcome");

                Thread.sleep(3000); // a few more looks: nothing else happened
                assertThat(notes(server).events()).extracting(e -> e.at("/data/change").asText())
                        .containsExactlyInAnyOrder("imported", "imported", "changed", "renamed", "deleted");
            }
            String notes = allNotes(server);
            assertThat(notes).contains("Ship the greenhouse sensors", "#work", "#planning")
                    .doesNotContain("obsidian settings text", "trashed note text", "diary text", "safe's code");

            // restarted with its state: nothing new; and with no state at all, a second import stores nothing new
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run2"), (String) null, "--config",
                    config.toString())) {
                Thread.sleep(4000);
            }
            assertThat(notes(server).events()).hasSize(5);
            Path fresh = config(server, vault, dir.resolve("fresh-state"));
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run3"), (String) null, "--config",
                    fresh.toString())) {
                awaitFile(dir.resolve("fresh-state/plugins/openclone-obsidian/state.json"));
                Thread.sleep(4000);
            }
            assertThat(notes(server).events()).hasSize(5);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve("state/plugins/openclone-obsidian/state.json")))).isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve("state/plugins/openclone-obsidian/state.json")))
                    .doesNotContain("greenhouse", "Tomatoes");
        }
    }

    @Test
    void openClonesOwnVaultIsRefusedWithOneLine() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            assertThat(server.vault().resolve(".openclone")).isDirectory();
            Path config = config(server, server.vault(), dir.resolve("state"));
            AgentProcess.Result run = AgentProcess.run(dir.resolve("run"), (String) null, Duration.ofSeconds(60),
                    "--config", config.toString(), "--once");
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr()).contains("is OpenClone's own vault: watching it would copy the vault into itself");
        }
    }

    private static Timeline notes(TestServer server) {
        return Timeline.of(server, "notes", Duration.ofDays(1), Duration.ofHours(1));
    }

    private static Path config(TestServer server, Path vault, Path state) throws Exception {
        return AgentConfigFile.write(state.getParent(), server, state, "openclone-obsidian", plugin -> {
            plugin.putArray("vaults").add(vault.toString());
            plugin.putArray("exclude_folders").add("Private");
            plugin.put("interval_seconds", 1).put("settle_seconds", 2);
        });
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear");
            }
            Thread.sleep(200);
        }
    }

    private static String allNotes(TestServer server) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(server.vault().resolve("Notes"))) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
