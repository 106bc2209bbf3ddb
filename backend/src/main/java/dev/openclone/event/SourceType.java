package dev.openclone.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The source types of the ingest contract, each with its vault folder and sensitivity (seed 000). */
public enum SourceType {
    AUDIO_SYSTEM("audio_system", "Audio", Sensitivity.MEDIUM),
    AUDIO_MIC("audio_mic", "Audio", Sensitivity.HIGH),
    SCREEN_OCR("screen_ocr", "Screen", Sensitivity.MEDIUM),
    JOURNAL("journal", "Journal", Sensitivity.LOW),
    WEB_BROWSING("web_browsing", "Web", Sensitivity.MEDIUM),
    MUSIC("music", "Music", Sensitivity.LOW),
    HEALTH("health", "Health", Sensitivity.HIGH),
    CALENDAR("calendar", "Calendar", Sensitivity.LOW),
    NOTES("notes", "Notes", Sensitivity.LOW),
    GPS("gps", "Location", Sensitivity.MEDIUM),
    PHOTOS("photos", "Photos", Sensitivity.MEDIUM),
    EMAIL("email", "Email", Sensitivity.CRITICAL),
    MESSAGING("messaging", "Messages", Sensitivity.CRITICAL),
    ACTIVITY("activity", "Activity", Sensitivity.LOW),
    BRAINDUMP("braindump", "Braindump", Sensitivity.LOW),
    /**
     * AI-agent conversation turns (SPEC §10), written to {@code conversations-YYYY-MM-DD.md} in the folder of the
     * {@code conversation} config section rather than to {@link #folder()}.
     */
    CONVERSATION("conversation", "Conversations", Sensitivity.HIGH);

    /** How much harm a leak of this data does; a plugin declares at least the highest of its types. */
    public enum Sensitivity { LOW, MEDIUM, HIGH, CRITICAL }

    private final String wireName;
    private final String folder;
    private final Sensitivity sensitivity;

    SourceType(String wireName, String folder, Sensitivity sensitivity) {
        this.wireName = wireName;
        this.folder = folder;
        this.sensitivity = sensitivity;
    }

    /** The name used in JSON, such as {@code audio_system}. */
    public String wireName() {
        return wireName;
    }

    /** The vault folder, such as {@code Audio}. */
    public String folder() {
        return folder;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    public static Optional<SourceType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Every name, quoted and comma-separated, for error messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(t -> "'" + t.wireName + "'").toList());
    }


    /**
     * The wire names among {@code values}, each a name or a comma-separated list of them (blanks skipped);
     * {@code unknown} is told every one that is no source type.
     */
    public static List<String> parseList(List<String> values, Consumer<String> unknown) {
        List<String> types = new ArrayList<>();
        for (String value : values) {
            for (String one : value.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                if (fromWire(one.strip()).isPresent()) {
                    types.add(one.strip());
                } else {
                    unknown.accept(one.strip());
                }
            }
        }
        return types;
    }
}
