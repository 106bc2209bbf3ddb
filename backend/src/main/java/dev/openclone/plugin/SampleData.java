package dev.openclone.plugin;

import dev.openclone.event.SourceType;

/** A minimal valid {@code data} object per source type, for scaffolded plugins' first event. */
final class SampleData {

    private SampleData() {
    }

    /** The JSON text of the sample; {@code $NOW} stands for the send time in seconds. */
    static String of(SourceType type, String pluginId) {
        String hello = "Hello from " + pluginId;
        return switch (type) {
            case AUDIO_SYSTEM, AUDIO_MIC -> "{\"text\": \"" + hello + "\", \"duration\": 5, \"app_name\": \"Terminal\"}";
            case SCREEN_OCR -> "{\"text\": \"" + hello + "\", \"app_name\": \"Terminal\", \"window_title\": \"Test\"}";
            case JOURNAL, BRAINDUMP -> "{\"text\": \"" + hello + "\"}";
            case WEB_BROWSING -> "{\"url\": \"https://example.com/\", \"title\": \"" + hello + "\"}";
            case MUSIC -> "{\"track\": \"" + hello + "\", \"artist\": \"Example Artist\", \"duration\": 180}";
            case HEALTH -> "{\"steps\": 1000, \"heart_rate\": 64}";
            case CALENDAR -> "{\"title\": \"" + hello + "\", \"start\": $NOW, \"end\": $NOW_PLUS_HOUR}";
            case NOTES -> "{\"title\": \"" + hello + "\", \"text\": \"A first note.\", \"tags\": [\"test\"]}";
            case GPS -> "{\"lat\": 52.52, \"lon\": 13.405, \"accuracy\": 10, \"place_name\": \"" + hello + "\"}";
            case PHOTOS -> "{\"filename\": \"IMG_0001.jpg\", \"location\": \"" + hello + "\"}";
            case EMAIL -> "{\"subject\": \"" + hello + "\", \"from\": \"sender@example.com\"}";
            case MESSAGING -> "{\"from\": \"" + hello + "\", \"platform\": \"Example\", \"preview\": \"Hi!\"}";
            case ACTIVITY -> "{\"app_name\": \"" + hello + "\", \"category\": \"test\", \"duration\": 60}";
            case CONVERSATION -> throw new IllegalArgumentException(
                    "conversation plugins are not scaffolded: their turns need a host's transcript (see "
                            + "plugins/openclone-openclaw-capture for OpenClaw)");
        };
    }
}
