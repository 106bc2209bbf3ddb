package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code "conversation"} section with openclaw-universal-capture's rules, in its order, with its error
 * texts: unknown keys, then {@code timezone}, {@code folder}, {@code recallFolder}, {@code recallTurns},
 * {@code recallMaxBytes}, {@code rolloverTime}, then the filters. A value of the wrong type falls back to the
 * default where the seed does so (strings and booleans), and is an error where it is one (numbers, filters).
 */
public final class ConversationConfigParser {

    private static final Set<String> ALLOWED = Set.of("folder", "recallFolder", "recallTurns", "recallMaxBytes",
            "timezone", "rolloverTime", "skipNoReply", "includeMessageMetadata", "stripUntrustedMetadata",
            "agents", "surfaces", "channels", "commentary");
    private static final Pattern ROLLOVER = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9]\\d{0,9}");
    private static final Map<String, String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a,
                    TreeMap::new));
    private static final String PREFIX = "openclaw-universal-capture ";

    private ConversationConfigParser() {
    }

    /**
     * @param section     the section, or null when absent (every default)
     * @param defaultZone the zone used when {@code timezone} is not set: the server's
     * @throws IllegalArgumentException with the seed's message
     */
    public static ConversationConfig parse(JsonNode section, ZoneId defaultZone) {
        if (section == null || section.isNull()) {
            return ConversationConfig.defaults(defaultZone);
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        List<String> unknown = keysInObjectOrder(section).stream().filter(k -> !ALLOWED.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "config has unknown keys: " + String.join(", ", unknown));
        }
        ZoneId zone = defaultZone;
        String timezone = nonBlank(section.get("timezone"));
        if (timezone != null) {
            String id = ZONES.get(timezone.toLowerCase(Locale.ROOT));
            if (id == null) {
                throw new IllegalArgumentException("Invalid timezone for openclaw-universal-capture: " + timezone);
            }
            zone = ZoneId.of(id);
        }
        String folder = folder(section.get("folder"));
        JsonNode recallFolder = section.get("recallFolder");
        String recall = recallFolder == null || recallFolder.isNull() ? "recall" : folder(recallFolder);
        int recallTurns = (int) Math.min(Integer.MAX_VALUE, nonNegative("recallTurns", section.get("recallTurns")));
        long recallMaxBytes = nonNegative("recallMaxBytes", section.get("recallMaxBytes"));
        String rollover = nonBlank(section.get("rolloverTime"));
        if (rollover == null) {
            rollover = "04:00";
        }
        if (!ROLLOVER.matcher(rollover).matches()) {
            throw new IllegalArgumentException(PREFIX + "rolloverTime must use HH:MM in 24-hour time");
        }
        return new ConversationConfig(folder, recall, recallTurns, recallMaxBytes, zone, rollover,
                bool(section.get("skipNoReply"), false), bool(section.get("includeMessageMetadata"), false),
                bool(section.get("stripUntrustedMetadata"), true), bool(section.get("commentary"), false),
                filter("agents", section.get("agents")), filter("surfaces", section.get("surfaces")),
                filter("channels", section.get("channels")));
    }

    /** {@code Object.keys} order: array-index keys ascending first, then the others as written. */
    static List<String> keysInObjectOrder(JsonNode object) {
        List<String> indexes = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            boolean index = ARRAY_INDEX.matcher(key).matches() && Long.parseLong(key) < 4_294_967_295L;
            (index ? indexes : others).add(key);
        }
        indexes.sort(Comparator.comparingLong(Long::parseLong));
        indexes.addAll(others);
        return indexes;
    }

    private static String nonBlank(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String trimmed = JsText.trim(value.textValue());
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The seed's folder rule: workspace-relative, normalised, inside the workspace; blank or not a string → default. */
    static String folder(JsonNode value) {
        String folder = nonBlank(value);
        if (folder == null) {
            folder = "conversations";
        }
        if (folder.startsWith("/")) {
            throw new IllegalArgumentException(PREFIX + "folder must be workspace-relative");
        }
        String normalized = normalize(folder).replace('\\', '/');
        if (normalized.equals(".") || normalized.startsWith("../") || normalized.equals("..")) {
            throw new IllegalArgumentException(PREFIX + "folder must stay inside the workspace");
        }
        String result = normalized.replaceAll("^\\./+", "").replaceAll("/+$", "");
        // Stricter than the seed: a backslash path such as a\..\.. must not lead out of the vault either,
        // and the index folder is the server's own.
        for (String segment : result.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "folder must stay inside the workspace");
            }
        }
        if (result.equals(".openclone") || result.startsWith(".openclone/")) {
            throw new IllegalArgumentException(PREFIX + "folder must stay inside the workspace");
        }
        return result;
    }

    /** POSIX {@code path.normalize} of a relative path. */
    static String normalize(String path) {
        boolean trailing = path.endsWith("/");
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else {
                    out.add("..");
                }
            } else {
                out.add(segment);
            }
        }
        String joined = String.join("/", out);
        if (joined.isEmpty()) {
            return trailing ? "./" : ".";
        }
        return trailing ? joined + "/" : joined;
    }

    private static long nonNegative(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (number >= 0 && number == Math.rint(number) && !Double.isInfinite(number)) {
                return number >= Long.MAX_VALUE ? Long.MAX_VALUE : value.longValue();
            }
        }
        throw new IllegalArgumentException(PREFIX + name + " must be a non-negative integer");
    }

    private static boolean bool(JsonNode value, boolean fallback) {
        return value != null && value.isBoolean() ? value.booleanValue() : fallback;
    }

    private static CaptureFilter filter(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return CaptureFilter.ALL;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(PREFIX + name + " must be a string");
        }
        return CaptureFilter.parse(value.textValue());
    }
}
