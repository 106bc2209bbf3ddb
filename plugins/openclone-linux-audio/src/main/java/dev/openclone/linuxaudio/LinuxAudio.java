package dev.openclone.linuxaudio;

/**
 * Linux Audio: what the computer plays — the default sink's monitor — as {@code audio_system} events with the
 * playing application's name.
 */
public final class LinuxAudio extends AudioCapture {

    @Override
    public String id() {
        return "openclone-linux-audio";
    }

    @Override
    protected String sourceType() {
        return "audio_system";
    }
}
