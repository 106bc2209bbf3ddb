package dev.openclone.dashboard;

import dev.openclone.event.SourceType;
import java.util.Arrays;
import java.util.List;

/** A source type a form offers: its wire name, its name in the vault, and whether it is the one chosen. */
public record SourceChoice(String value, String name, boolean selected) {

    /** Every source type, {@code chosen} (a wire name, or empty) selected. */
    static List<SourceChoice> all(String chosen) {
        return Arrays.stream(SourceType.values())
                .map(t -> new SourceChoice(t.wireName(), t.folder() + " (" + t.wireName() + ")",
                        t.wireName().equals(chosen)))
                .toList();
    }
}
