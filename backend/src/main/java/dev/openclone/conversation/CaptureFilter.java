package dev.openclone.conversation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One of the {@code agents}, {@code surfaces}, {@code channels} filters: everything ({@code *}, empty or
 * absent), an allow list ({@code home,mini}) or an exclusion list ({@code !main,heartbeat}).
 */
public record CaptureFilter(Mode mode, Set<String> values) {

    public enum Mode { ALL, INCLUDE, EXCLUDE }

    public static final CaptureFilter ALL = new CaptureFilter(Mode.ALL, Set.of());

    public CaptureFilter {
        values = Set.copyOf(values);
    }

    /** Parses a filter string the way the seed does. */
    public static CaptureFilter parse(String text) {
        String trimmed = JsText.trim(text);
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return ALL;
        }
        boolean negated = trimmed.startsWith("!");
        String list = negated ? JsText.trim(trimmed.substring(1)) : trimmed;
        if (list.isEmpty() || list.equals("*")) {
            return ALL;
        }
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(list.split(",", -1)).map(JsText::trim).filter(v -> !v.isEmpty()).forEach(values::add);
        if (values.isEmpty()) {
            return ALL;
        }
        return new CaptureFilter(negated ? Mode.EXCLUDE : Mode.INCLUDE, values);
    }

    /** Whether a session with this value (null when the sessionKey has none) is captured. */
    public boolean allows(String value) {
        if (mode == Mode.ALL) {
            return true;
        }
        if (value == null) {
            return mode == Mode.EXCLUDE;
        }
        return values.contains(value) == (mode == Mode.INCLUDE);
    }
}
