package dev.openclone.linuxaudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openclone.agent.CaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxAudioPartsTest {

    private static final int RATE = Transcriber.SAMPLE_RATE;
    private static final Path SPEECH = Path.of("/usr/share/pocketsphinx/test/data/librivox/"
            + "sense_and_sensibility_01_austen_64kb-0870.wav");

    @TempDir
    Path dir;

    private static short[] silence(double seconds, Random random) {
        short[] out = new short[(int) (seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (random.nextGaussian() * 30);
        }
        return out;
    }

    /** A chord held steady: loud all the time, without the pauses between syllables speech has. */
    private static short[] music(double seconds) {
        short[] out = new short[(int) (seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            double t = i / (double) RATE;
            out[i] = (short) (3000 * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277 * t)
                    + Math.sin(2 * Math.PI * 330 * t)));
        }
        return out;
    }

    static short[] wav(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readAllBytes();
            short[] out = new short[(all.length - 44) / 2];
            ByteBuffer.wrap(all, 44, all.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }
    }

    private static List<SpeechSegments.Segment> run(SpeechSegments cut, short[]... parts) {
        List<SpeechSegments.Segment> out = new ArrayList<>();
        long at = 1_800_000_000_000L;
        for (short[] part : parts) {
            for (int i = 0; i < part.length; i += 1600) {
                int n = Math.min(1600, part.length - i);
                short[] chunk = new short[n];
                System.arraycopy(part, i, chunk, 0, n);
                out.addAll(cut.feed(chunk, n, at));
                at += n * 1000L / RATE;
            }
        }
        out.addAll(cut.flush());
        return out;
    }

    @Test
    void speechIsCutOutOfSilenceAndMusicIsLeftOut() throws IOException {
        Random random = new Random(1);
        short[] speech = wav(SPEECH);
        SpeechSegments cut = new SpeechSegments();
        List<SpeechSegments.Segment> segments = run(cut, silence(2, random), speech, silence(2, random), music(4),
                silence(2, random));
        assertThat(segments).isNotEmpty();
        double total = segments.stream().mapToDouble(SpeechSegments.Segment::seconds).sum();
        assertThat(total).isBetween(speech.length / (double) RATE * 0.6, speech.length / (double) RATE + 1.5);
        assertThat(segments.get(0).startMillis()).isBetween(1_800_000_001_500L, 1_800_000_002_500L);
        assertThat(cut.music).isEqualTo(1);
        assertThat(run(new SpeechSegments(), silence(10, random))).isEmpty();
    }

    @Test
    void aSegmentIsAtMostThirtySeconds() throws IOException {
        short[] speech = wav(SPEECH);
        short[] long1 = new short[speech.length * 10];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(speech, 0, long1, i * speech.length, speech.length);
        }
        assertThat(run(new SpeechSegments(), long1)).allSatisfy(s -> assertThat(s.seconds()).isLessThanOrEqualTo(30));
    }

    @Test
    void thePlayingApplicationsAsTheSoundServerNamesThem() {
        String pactl = """
                Sink Input #12
                	Driver: protocol-native.c
                	Corked: no
                	Properties:
                		media.name = "Meeting"
                		application.name = "Google Meet"
                Sink Input #14
                	Corked: yes
                	Properties:
                		application.name = "Spotify"
                Sink Input #15
                	Corked: no
                	Properties:
                		application.name = "Firefox"
                """;
        assertThat(SinkInputs.parse(pactl)).isEqualTo("Google Meet, Firefox");
        assertThat(SinkInputs.parse("")).isEmpty();
    }

    @Test
    void whisperWithoutAModelOrWithAWrongFileIsOneClearLine() throws IOException {
        assertThatThrownBy(() -> Whisper.start("", "")).isInstanceOf(CaptureException.class)
                .hasMessageContaining("needs \"model_path\"");
        assertThatThrownBy(() -> Whisper.start(dir.resolve("ggml-base.en.bin").toString(), ""))
                .isInstanceOf(CaptureException.class).hasMessageContaining("does not exist (model_path)");
        Path html = Files.writeString(dir.resolve("ggml-small.bin"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> Whisper.start(html.toString(), "")).isInstanceOf(CaptureException.class)
                .hasMessageContaining("is not a ggml model file");
        byte[] truncated = new byte[64];
        System.arraycopy("lmgg".getBytes(), 0, truncated, 0, 4);
        Path broken = Files.write(dir.resolve("ggml-tiny.bin"), truncated);
        assertThatThrownBy(() -> Whisper.start(broken.toString(), "")).isInstanceOf(CaptureException.class)
                .hasMessageContaining("Whisper could not load");
    }

    @Test
    void pocketsphinxTranscribesThroughAPipe() throws Exception {
        PocketSphinx engine = PocketSphinx.start("pocketsphinx_continuous");
        Transcriber.Transcript heard = engine.transcribe(wav(SPEECH));
        assertThat(heard.text()).contains("consider", "power");
        assertThatThrownBy(() -> PocketSphinx.start("no-such-pocketsphinx")).isInstanceOf(CaptureException.class)
                .hasMessageContaining("is not installed");
    }
}
