package dev.openclone.linuxaudio;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which application is playing, as the sound server knows it: {@code pactl list sink-inputs} (PulseAudio, and
 * PipeWire through pipewire-pulse), the {@code application.name} of the streams that are not paused (corked).
 */
final class SinkInputs {

    private static final Pattern NAME = Pattern.compile("application\\.name = \"(.*)\"");

    private SinkInputs() {
    }

    /** The playing applications' names, joined with ", "; empty when none is known. */
    static String playing() {
        String out = Commands.output(List.of("pactl", "list", "sink-inputs"));
        return out == null ? "" : parse(out);
    }

    static String parse(String pactl) {
        StringBuilder names = new StringBuilder();
        for (String block : pactl.split("\\n(?=Sink Input #)")) {
            if (block.contains("Corked: yes")) {
                continue;
            }
            Matcher m = NAME.matcher(block);
            if (m.find() && names.indexOf(m.group(1)) < 0) {
                names.append(names.length() == 0 ? "" : ", ").append(m.group(1));
            }
        }
        return names.toString();
    }
}
