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
 * A PulseAudio (or PipeWire) source recorded, cut into speech segments and transcribed, as events of one audio
 * source type: {@link LinuxAudio} (the default sink's monitor) and the microphone plugin extend it. Silence and
 * music are not transcribed; audio never reaches the disk (the spool holds text only); a segment that fails to
 * transcribe leaves a count, nothing else.
 */
public abstract class AudioCapture implements CapturePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AudioCapture.class);

    private PluginContext context;
    private Transcriber transcriber;
    private Recorder recorder;

    /** The source type its events have: {@code audio_system}, {@code audio_mic}. */
    protected abstract String sourceType();

    /** Whether an event names the applications playing (system audio) — not for a microphone. */
    protected boolean namesPlayingApps() {
        return true;
    }

    /** Called once recording has started (the microphone says so). */
    protected void recording(PluginContext context) {
    }

    @Override
    public void start(PluginContext context) throws CaptureException {
        this.context = context;
        PluginSettings s = context.settings();
        String parec = s.text("parec_command");
        if (!Commands.onPath(parec)) {
            throw new CaptureException(parec + " is not installed: run plugins/" + id() + "/install.sh "
                    + "(Debian: apt-get install pulseaudio-utils; with PipeWire: pipewire-pulse)");
        }
        if (transcriber == null) {
            transcriber = Transcriber.open(s.text("engine"), s.text("model_path"), s.text("language"),
                    s.text("pocketsphinx_command"));
            LOG.info("{}: transcribing with {}", id(), transcriber.describe());
        }
        recorder = new Recorder(parec, s.text("source"), context::mayCapture, namesPlayingApps());
        try {
            recorder.start();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + parec + ": " + e.getMessage(), e);
        }
        recording(context);
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
                LOG.warn("{}: a {} s segment could not be transcribed: {}", id(), Math.round(segment.seconds()),
                        e.getMessage());
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
            events.add(new Event(sourceType(), segment.startMillis() / 1000.0, data,
                    RawRefs.of(sourceType(), segment.startMillis())));
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
        int music = recorder.segments.music; // the recorder's thread counts on meanwhile: read once
        int clicks = recorder.segments.clicks;
        int dropped = recorder.dropped.get();
        context.count("music_skipped", music - musicSeen);
        context.count("noise_skipped", clicks - clicksSeen);
        context.count("dropped", dropped - droppedSeen);
        musicSeen = music;
        clicksSeen = clicks;
        droppedSeen = dropped;
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
