package dev.openclone.voicejournal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openclone.agent.CaptureException;
import dev.openclone.linuxaudio.Transcriber;
import dev.openclone.linuxaudio.WordErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Voice Journal's parts on real files: the cutter, ffmpeg decoding each format of Debian's pocketsphinx test
 * speech, the recording's time, raw_refs, bad files, and which files of a folder are ready to read.
 */
class VoiceJournalPartsTest {

    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    static final String SAID_0920 = "had he married a more a amiable woman he might have been made still more "
            + "respectable than he was";

    @TempDir
    Path dir;

    @Test
    void longRecordingsAreCutIntoPiecesOfAtMostThirtySecondsAtAPauseAndSilenceIsLeftOut() {
        Chunker chunker = new Chunker();
        int rate = Transcriber.SAMPLE_RATE;
        // 70 s of a loud tone with a 0.3 s pause at 24 s and at 50 s
        short[] audio = new short[rate * 70];
        for (int i = 0; i < audio.length; i++) {
            double t = i / (double) rate;
            boolean pause = t >= 24 && t < 24.3 || t >= 50 && t < 50.3;
            audio[i] = pause ? 0 : (short) (4000 * Math.sin(2 * Math.PI * 200 * t));
        }
        List<short[]> pieces = new ArrayList<>();
        for (int at = 0; at < audio.length; at += 1600) {
            pieces.addAll(chunker.feed(Arrays.copyOfRange(audio, at, at + 1600), 1600));
        }
        pieces.addAll(chunker.finish());
        assertThat(pieces).hasSize(3);
        assertThat(pieces.get(0).length / (double) rate).isBetween(24.0, 24.3);
        assertThat(pieces.get(1).length / (double) rate).isBetween(25.7, 26.3);
        assertThat(pieces.stream().mapToInt(p -> p.length).sum()).isEqualTo(audio.length);
        assertThat(chunker.seconds()).isEqualTo(70.0);

        Chunker quiet = new Chunker();
        short[] hiss = new short[rate * 40];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (short) (i % 7 * 10 - 30);
        }
        assertThat(quiet.feed(hiss, hiss.length)).isEmpty();
        assertThat(quiet.finish()).isEmpty();
        assertThat(quiet.silent).isEqualTo(2);
    }

    @Test
    void eachFormatIsDecodedAndTranscribedAtTheFilesTimeWithItsNameAsTitle() throws Exception {
        Path wav = LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-0920.wav");
        Instant modified = Instant.parse("2026-03-04T07:45:10Z");
        try (Transcriber pocketsphinx = Transcriber.open("pocketsphinx", "", "", "pocketsphinx_continuous")) {
            for (String format : List.of("wav", "ogg", "mp3", "m4a")) {
                Path file = dir.resolve("Morning_walk." + format);
                ffmpeg(wav, file);
                Files.setLastModifiedTime(file, FileTime.from(modified));
                Transcribed imported = AudioFiles.transcribe(file, "ffmpeg", pocketsphinx, () -> true);
                JournalEntry entry = imported.entry();
                assertThat(entry).as(format).isNotNull();
                assertThat(WordErrors.rate(SAID_0920, entry.text())).as("%s heard: %s", format, entry.text())
                        .isLessThanOrEqualTo(0.5);
                assertThat(entry.at()).as(format).isEqualTo(modified);
                assertThat(entry.seconds()).as(format).isBetween(6.0, 7.0);
                assertThat(entry.title()).isEqualTo("Morning walk");
                assertThat(entry.rawRef()).isEqualTo(AudioFiles.rawRef(file)).startsWith("journal-file-");
                assertThat(entry.data()).containsEntry("title", "Morning walk").containsKey("duration");
                assertThat(imported.failedPieces()).isZero();
            }
            // a copy under another name is the same recording
            Path copy = Files.copy(dir.resolve("Morning_walk.ogg"), dir.resolve("copy.ogg"));
            assertThat(AudioFiles.rawRef(copy)).isEqualTo(AudioFiles.rawRef(dir.resolve("Morning_walk.ogg")));
            assertThat(AudioFiles.rawRef(copy)).isNotEqualTo(AudioFiles.rawRef(dir.resolve("Morning_walk.mp3")));
        }
    }

    @Test
    void theTimeTheRecordingSaysItWasMadeComesBeforeTheFilesTime() throws Exception {
        Path file = dir.resolve("memo.m4a");
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", LIBRIVOX.resolve(
                "sense_and_sensibility_01_austen_64kb-0880.wav").toString(), "-metadata",
                "creation_time=2025-06-01T10:00:00.000000Z", file.toString());
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(AudioFiles.recordedAt(file, "ffmpeg")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(AudioFiles.recordedAt(file, "/usr/bin/ffmpeg")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    }

    @Test
    void aFileThatIsNotAudioOrIsMissingIsOneLineAndSilenceHasNoEntry() throws Exception {
        Path fake = Files.writeString(dir.resolve("voice.m4a"), "<html>not found</html>");
        try (Transcriber pocketsphinx = Transcriber.open("pocketsphinx", "", "", "pocketsphinx_continuous")) {
            assertThatThrownBy(() -> AudioFiles.transcribe(fake, "ffmpeg", pocketsphinx, () -> true))
                    .isInstanceOf(CaptureException.class)
                    .hasMessageStartingWith("voice.m4a could not be decoded as audio")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> AudioFiles.transcribe(dir.resolve("gone.wav"), "ffmpeg", pocketsphinx,
                    () -> true)).isInstanceOf(CaptureException.class).hasMessageEndingWith("gone.wav: no such file");
            assertThatThrownBy(() -> AudioFiles.transcribe(fake, "no-such-ffmpeg", pocketsphinx, () -> true))
                    .hasMessageStartingWith("no-such-ffmpeg is not installed");
            Path silence = dir.resolve("silence.wav");
            run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
                    "-t", "4", silence.toString());
            Transcribed nothing = AudioFiles.transcribe(silence, "ffmpeg", pocketsphinx, () -> true);
            assertThat(nothing.entry()).isNull();
            assertThat(nothing.seconds()).isEqualTo(4.0);
            assertThat(nothing.pieces()).isZero();
        }
    }

    @Test
    void aFolderGivesARecordingOnceItHasStoppedChangingAndPassesOverHiddenAndPartialFiles() throws Exception {
        WatchedFolder folder = new WatchedFolder(dir);
        Instant now = Instant.now();
        Path old = Files.write(dir.resolve("old.wav"), new byte[100]);
        Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(3600)));
        Path fresh = Files.write(Files.createDirectories(dir.resolve("2026/12")).resolve("fresh.m4a"), new byte[50]);
        Files.write(dir.resolve(".hidden.wav"), new byte[10]);
        Files.write(dir.resolve("syncing.m4a.part"), new byte[10]);
        Files.write(Files.createDirectories(dir.resolve(".stversions")).resolve("older.wav"), new byte[10]);
        Files.write(dir.resolve("notes.txt"), new byte[10]);
        Files.write(dir.resolve("empty.wav"), new byte[0]);

        assertThat(folder.settled(now)).extracting(WatchedFolder.Found::name).containsExactly("old.wav");
        assertThat(folder.settled(now)).extracting(WatchedFolder.Found::name)
                .containsExactly("old.wav", Path.of("2026", "12", "fresh.m4a").toString());
        Files.write(fresh, new byte[80]); // still being written
        assertThat(folder.settled(now)).extracting(WatchedFolder.Found::name).containsExactly("old.wav");
    }

    /**
     * {@code from} encoded as {@code to}'s ending says, at 64 kbit/s (a phone's memo app records at 64 or more;
     * ffmpeg's default for 16 kHz mp3, 24 kbit/s, garbles speech beyond what pocketsphinx can read).
     */
    static void ffmpeg(Path from, Path to) throws Exception {
        run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", from.toString(), "-b:a", "64k", to.toString());
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }

}
