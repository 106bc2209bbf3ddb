package dev.openclone.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclone.linuxaudio.WordErrors;
import dev.openclone.support.AgentConfigFile;
import dev.openclone.support.AgentProcess;
import dev.openclone.support.PulseAudio;
import dev.openclone.support.TestServer;
import dev.openclone.support.Timeline;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux Audio end to end: a PulseAudio server with a null sink, the capture agent recording its monitor, Debian's
 * pocketsphinx test speech played into it by "Google Meet", a real OpenClone server receiving the transcripts.
 */
class LinuxAudioAgentTest {

    private static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    /** pocketsphinx's word error rate on these clips is about 37% (Debian's own measurement); the bound: 50%. */
    private static final double MAX_WER = 0.5;

    @TempDir
    Path dir;

    @Test
    void speechPlayedByAnAppArrivesAsTextWithTheAppsNameAndSilenceAndMusicLeaveNothing() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server")); PulseAudio pulse = PulseAudio.start(dir)) {
            Path config = config(server);
            Timeline audio = Timeline.of(server, "audio_system", Duration.ofHours(1), Duration.ofHours(1));
            try (AgentProcess agent = AgentProcess.start(dir.resolve("run"), pulse.env(), "--config",
                    config.toString())) {
                awaitStatus("\"state\" : \"capturing\"", agent); // recording (a loaded machine starts it slowly)
                Thread.sleep(3000); // silence only: nothing
                Path chord = chord(dir.resolve("chord.wav"), 5);
                pulse.play(chord, "Spotify");
                Thread.sleep(4000);
                assertThat(audio.events()).as(agent.stderr()).isEmpty();

                pulse.play(LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-0920.wav"), "Google Meet");
                JsonNode event = audio.await(e -> !e.at("/data/text").asText().isBlank(), 60);
                String heard = String.join(" ", settled(audio).stream().map(e -> e.at("/data/text").asText())
                        .toList());
                String said = "had he married a more a amiable woman he might have been made still more "
                        + "respectable than he was";
                assertThat(WordErrors.rate(said, heard)).as("heard: %s", heard).isLessThanOrEqualTo(MAX_WER);
                assertThat(event.at("/data/app_name").asText()).isEqualTo("Google Meet");
                assertThat(event.at("/data/duration").asDouble()).isBetween(3.0, 12.0);
                assertThat(Files.readString(dir.resolve("state/status.json"))).contains("music_skipped");
            }
            String file = Files.readString(server.vault().resolve("Audio").resolve(
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".md"));
            assertThat(file).contains("Google Meet", "married");
            try (var spool = Files.walk(dir.resolve("state"))) {
                assertThat(spool.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".wav")
                        || p.toString().endsWith(".raw"))).isEmpty();
            }
        }
    }

    @Test
    void theMicrophoneIsOffUntilEnabledThenSaysItRecords() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server")); PulseAudio pulse = PulseAudio.start(dir)) {
            // the "microphone" is the null sink's monitor: what is played into the sink is what it hears
            assertThat(pulse.run("pactl", "set-default-source", "openclone_test.monitor")).isZero();
            Timeline mic = Timeline.of(server, "audio_mic", Duration.ofHours(1), Duration.ofHours(1));
            AgentProcess.Result off = AgentProcess.run(dir.resolve("off"), pulse.env(), Duration.ofSeconds(60),
                    "--config", config(server, "openclone-mic", false).toString(), "--once");
            assertThat(off.exitCode()).isNotZero();
            assertThat(off.stderr()).contains("no plugin is enabled");
            try (AgentProcess agent = AgentProcess.start(dir.resolve("on"), pulse.env(), "--config",
                    config(server, "openclone-mic", true).toString())) {
                awaitStatus("microphone_on", agent); // recording (a loaded machine starts it slowly)
                Thread.sleep(500);
                pulse.play(LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-0920.wav"), "Test speech");
                JsonNode said = mic.await(e -> !e.at("/data/text").asText().isBlank(), 60);
                String heard = String.join(" ", settled(mic).stream().map(e -> e.at("/data/text").asText())
                        .toList());
                assertThat(WordErrors.rate("had he married a more a amiable woman he might have been made still more "
                        + "respectable than he was", heard)).as("heard: %s", heard).isLessThanOrEqualTo(MAX_WER);
                assertThat(said.at("/data/app_name").isMissingNode()).isTrue();
                assertThat(Files.readString(dir.resolve("state/status.json"))).contains("microphone_on");
            }
        }
    }

    /** Waits until the agent's status says {@code text} (at most 60 s). */
    private void awaitStatus(String text, AgentProcess agent) throws Exception {
        Path status = dir.resolve("state/status.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(status) && Files.readString(status).contains(text))) {
            assertThat(System.nanoTime() < deadline && agent.isAlive()).as(agent.stderr()).isTrue();
            Thread.sleep(100);
        }
    }

    /** The events once no more have arrived for 3 s (a sentence may be cut into two segments), at most 30 s. */
    private static List<JsonNode> settled(Timeline timeline) throws Exception {
        List<JsonNode> events = timeline.events();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            List<JsonNode> now = timeline.events();
            if (now.size() != events.size()) {
                events = now;
                quietSince = System.nanoTime();
            }
        }
        return events;
    }

    /** A chord held for {@code seconds}: loud throughout, not speech. */
    private static Path chord(Path file, int seconds) throws Exception {
        int rate = 16_000;
        int n = rate * seconds;
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeBytes("RIFF");
            out.writeInt(Integer.reverseBytes(36 + n * 2));
            out.writeBytes("WAVEfmt ");
            out.writeInt(Integer.reverseBytes(16));
            out.writeShort(Short.reverseBytes((short) 1));
            out.writeShort(Short.reverseBytes((short) 1));
            out.writeInt(Integer.reverseBytes(rate));
            out.writeInt(Integer.reverseBytes(rate * 2));
            out.writeShort(Short.reverseBytes((short) 2));
            out.writeShort(Short.reverseBytes((short) 16));
            out.writeBytes("data");
            out.writeInt(Integer.reverseBytes(n * 2));
            for (int i = 0; i < n; i++) {
                double t = i / (double) rate;
                short s = (short) (3000 * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277 * t)
                        + Math.sin(2 * Math.PI * 330 * t)));
                out.writeShort(Short.reverseBytes(s));
            }
        }
        return file;
    }

    private Path config(TestServer server) throws Exception {
        return config(server, "openclone-linux-audio", true);
    }

    private Path config(TestServer server, String plugin, boolean enabled) throws Exception {
        return AgentConfigFile.write(dir, server, dir.resolve("state"), plugin, settings -> {
            settings.put("interval_seconds", 1);
            if (enabled) {
                settings.put("openclone.enabled", true);
            }
        });
    }
}
