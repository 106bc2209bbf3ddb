package dev.openclone.mic;

import dev.openclone.agent.PluginContext;
import dev.openclone.linuxaudio.AudioCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microphone: the default source (PulseAudio or PipeWire), speech transcribed as {@code audio_mic} events. HIGH
 * sensitivity: it ships disabled; while it records, the log says so and {@code agent status} counts
 * {@code microphone_on}. It pauses with the agent.
 */
public final class Microphone extends AudioCapture {

    private static final Logger LOG = LoggerFactory.getLogger(Microphone.class);

    @Override
    public String id() {
        return "openclone-mic";
    }

    @Override
    protected String sourceType() {
        return "audio_mic";
    }

    @Override
    protected boolean namesPlayingApps() {
        return false;
    }

    @Override
    protected void recording(PluginContext context) {
        context.count("microphone_on");
        LOG.info("openclone-mic: the microphone ({}) is being recorded; `./openclone agent pause` stops it",
                context.settings().text("source"));
    }
}
