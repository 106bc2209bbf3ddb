package dev.openclone.linuxaudio;

import dev.openclone.agent.CaptureException;
import dev.openclone.agent.CapturePlugin;
import dev.openclone.agent.PluginContext;
import dev.openclone.agent.PluginSettings;
import dev.openclone.sdk.Event;
import dev.openclone.sdk.RawRefs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux Audio: what the computer plays — the default sink's monitor — cut into speech segments and transcribed, as
 * {@code audio_system} events with the playing application's name. Silence and music are not transcribed; audio
 * never reaches the disk (the spool holds text only); a segment that fails to transcribe leaves a count, nothing
 * else.
 */
public final class LinuxAudio implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxAudio.class);

    private PluginContext context;
    private Transcriber transcriber;
    private Recorder recorder;

    @Override
    public String id() {
        return "openclone-linux-audio";
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings s = context.settings();
        String parec = s.text("parec_command");
        if (!Commands.onPath(parec)) {
            throw new CaptureException(parec + " is not installed: run plugins/openclone-linux-audio/install.sh "
                    + "(Debian: apt-get install pulseaudio-utils; with PipeWire: pipewire-pulse)");
        }
        if (transcriber == null) {
            transcriber = switch (s.text("engine")) {
                case "whisper" -> Whisper.start(s.text("model_path"), s.text("language"));
                case "pocketsphinx" -> PocketSphinx.start(s.text("pocketsphinx_command"));
                default -> throw new CaptureException("engine must be \"pocketsphinx\" or \"whisper\", not \""
                        + s.text("engine") + "\"");
            };
            LOG.info("openclone-linux-audio: transcribing with {}", transcriber.describe());
        }
        recorder = new Recorder(parec, s.text("source"), context::mayCapture);
        try {
            recorder.start();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + parec + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Event> capture() throws CaptureException {
        List<Event> events = new ArrayList<>();
        for (Recorder.Heard heard : recorder.take()) {
            SpeechSegments.Segment segment = heard.segment();
            Transcriber.Transcript transcript;
            try {
                transcript = transcriber.transcribe(segment.samples());
            } catch (CaptureException e) {
                context.count("failed");
                LOG.warn("openclone-linux-audio: a {} s segment could not be transcribed: {}",
                        Math.round(segment.seconds()), e.getMessage());
                continue;
            }
            if (transcript.text().isBlank()) {
                context.count("no_words");
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("text", transcript.text());
            data.put("duration", Math.round(segment.seconds() * 10) / 10.0);
            if (!heard.apps().isEmpty()) {
                data.put("app_name", heard.apps());
            }
            if (transcript.confidence() != null) {
                data.put("confidence", transcript.confidence());
            }
            data.put("engine", transcriber.describe());
            context.count("segments");
            events.add(new Event("audio_system", segment.startMillis() / 1000.0, data,
                    RawRefs.of("audio_system", segment.startMillis())));
        }
        syncCounts();
        String failure = recorder.failure();
        if (failure != null) {
            recorder.close();
            try {
                recorder.start();
            } catch (IOException e) {
                throw new CaptureException(failure + "; starting it again failed: " + e.getMessage(), e);
            }
            if (events.isEmpty()) {
                throw new CaptureException(failure + " (started again)");
            }
        }
        return events;
    }

    private int musicSeen;
    private int clicksSeen;
    private int droppedSeen;

    private void syncCounts() {
        for (; musicSeen < recorder.segments.music; musicSeen++) {
            context.count("music_skipped");
        }
        for (; clicksSeen < recorder.segments.clicks; clicksSeen++) {
            context.count("noise_skipped");
        }
        for (; droppedSeen < recorder.dropped.get(); droppedSeen++) {
            context.count("dropped");
        }
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
        }
        if (transcriber != null) {
            transcriber.close();
        }
    }
}
