package dev.openclone.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.event.HealthMetric;
import dev.openclone.event.IngestBatch;
import dev.openclone.event.Numbers;
import dev.openclone.event.TimeValue;
import dev.openclone.event.Urls;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders one validated event as a vault entry (SPEC §5): a {@code ### HH:MM · label} heading, a meta line,
 * the body, and a closing separator. Every captured value passes through {@link MarkdownText}. The renderer
 * trusts {@link dev.openclone.ingest.IngestValidator}: a field it reads has the type the validator checked.
 */
public final class EntryRenderer {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int LABEL_MAX_CHARS = 100;
    private static final String DOT = " · ";

    private final ZoneId zone;

    public EntryRenderer(ZoneId zone) {
        this.zone = zone;
    }

    /** The entry's text: starts with a blank line, ends with {@code ---} and a newline. */
    public String render(IngestBatch batch, IngestBatch.Event event) {
        ObjectNode data = event.data();
        List<String> meta = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        String label = switch (batch.sourceType()) {
            case AUDIO_SYSTEM, AUDIO_MIC -> audio(data, meta, body);
            case SCREEN_OCR -> screen(data, meta, body);
            case JOURNAL, BRAINDUMP -> journal(data, meta, body);
            case WEB_BROWSING -> web(data, meta, body);
            case MUSIC -> music(data, body);
            case HEALTH -> health(data, body);
            case CALENDAR -> calendar(data, meta);
            case NOTES -> notes(data, body);
            case GPS -> gps(data, body);
            case PHOTOS -> photos(data, meta);
            case EMAIL -> email(data, meta);
            case MESSAGING -> messaging(data, meta, body);
            case ACTIVITY -> activity(data, meta);
            case CONVERSATION -> throw new IllegalArgumentException("conversation events are not rendered here");
        };
        meta.add("Device: " + MarkdownText.inline(shortDevice(batch.deviceId())));
        meta.add("Plugin: " + MarkdownText.inline(batch.pluginId()));

        StringBuilder entry = new StringBuilder(body.length() + 160);
        entry.append("\n### ").append(DailyNote.instant(event.timestamp()).atZone(zone).format(HH_MM));
        if (!label.isEmpty()) {
            entry.append(DOT).append(label);
        }
        entry.append('\n').append(String.join(DOT, meta)).append('\n');
        if (body.length() > 0) {
            entry.append('\n').append(body).append('\n');
        }
        return entry.append("\n---\n").toString();
    }

    private String audio(ObjectNode data, List<String> meta, StringBuilder body) {
        number(data, "duration").ifPresent(d -> meta.add("Duration: " + d + " s"));
        number(data, "confidence").ifPresent(c -> meta.add("Confidence: " + c));
        body.append(MarkdownText.block(data.get("text").textValue()));
        return label(data, "app_name");
    }

    private String screen(ObjectNode data, List<String> meta, StringBuilder body) {
        text(data, "window_title").ifPresent(t -> meta.add("Window: " + MarkdownText.inline(t, LABEL_MAX_CHARS)));
        text(data, "url").ifPresent(u -> meta.add("URL: " + MarkdownText.inline(u)));
        body.append(MarkdownText.block(data.get("text").textValue()));
        return label(data, "app_name");
    }

    private String journal(ObjectNode data, List<String> meta, StringBuilder body) {
        number(data, "duration").ifPresent(d -> meta.add("Duration: " + d + " s"));
        body.append(MarkdownText.block(data.get("text").textValue()));
        return label(data, "title");
    }

    private String web(ObjectNode data, List<String> meta, StringBuilder body) {
        String url = data.get("url").textValue();
        Optional<String> title = text(data, "title");
        Optional<String> domain = text(data, "domain").or(() -> Urls.host(url));
        domain.ifPresent(d -> meta.add("Domain: " + MarkdownText.inline(d)));
        seconds(data, "reading_time").ifPresent(t -> meta.add("Reading time: " + t));
        text(data, "language").ifPresent(l -> meta.add("Language: " + MarkdownText.inline(l)));
        body.append(link(title.orElse(url), url));
        text(data, "excerpt").map(MarkdownText::block).filter(s -> !s.isEmpty())
                .ifPresent(e -> body.append("\n\n").append(e));
        text(data, "content").map(MarkdownText::block).filter(s -> !s.isEmpty())
                .ifPresent(c -> body.append("\n\n").append(c));
        return title.or(() -> domain).map(t -> MarkdownText.inline(t, LABEL_MAX_CHARS)).orElse("");
    }

    private String music(ObjectNode data, StringBuilder body) {
        body.append("**").append(MarkdownText.inline(data.get("track").textValue())).append("**");
        List<String> parts = new ArrayList<>();
        text(data, "artist").ifPresent(a -> parts.add(MarkdownText.inline(a)));
        text(data, "album").ifPresent(a -> parts.add(MarkdownText.inline(a)));
        if (data.path("duration").isNumber()) {
            long total = Math.round(data.get("duration").doubleValue());
            parts.add(String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60));
        }
        if (!parts.isEmpty()) {
            body.append(" — ").append(String.join(DOT, parts));
        }
        return label(data, "track");
    }

    private String health(ObjectNode data, StringBuilder body) {
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            if (!field.getValue().isNumber()) {
                continue;
            }
            String name = field.getKey().replace('_', ' ');
            HealthMetric metric = HealthMetric.of(field.getKey()).orElse(new HealthMetric(
                    name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1), ""));
            body.append(body.length() > 0 ? "\n" : "").append("- ").append(MarkdownText.inline(metric.label()))
                    .append(": ").append(Numbers.plain(field.getValue().doubleValue()));
            if (!metric.unit().isEmpty()) {
                body.append(' ').append(metric.unit());
            }
        }
        // an importer's summed-up period or workout names itself; a plain reading has no label
        Optional<String> workout = text(data, "workout");
        if (workout.isPresent()) {
            return MarkdownText.inline(workout.get(), LABEL_MAX_CHARS);
        }
        return text(data, "period").map(p -> p.equals("day") ? "Day" : p.equals("hour") ? "Hour" : "")
                .orElse("");
    }

    private String calendar(ObjectNode data, List<String> meta) {
        TimeValue start = TimeValue.of(data.get("start"), zone).orElseThrow();
        Optional<TimeValue> end = TimeValue.of(data.get("end"), zone);
        meta.add("When: " + timeRange(start, end));
        text(data, "location").ifPresent(l -> meta.add("Location: " + MarkdownText.inline(l)));
        JsonNode attendees = data.get("attendees");
        if (attendees != null && attendees.isArray() && !attendees.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (JsonNode attendee : attendees) {
                String name = attendee.isTextual() ? attendee.textValue()
                        : attendee.path("name").isTextual() ? attendee.get("name").textValue()
                        : attendee.path("email").asText();
                names.add(MarkdownText.inline(name));
            }
            meta.add("Attendees: " + String.join(", ", names));
        }
        return label(data, "title");
    }

    private String timeRange(TimeValue start, Optional<TimeValue> end) {
        if (start.dateOnly()) {
            String day = start.at().toLocalDate().toString();
            return end.map(e -> day + " – " + e.at().toLocalDate() + " (all day)").orElse(day + " (all day)");
        }
        String from = start.at().format(DAY_TIME);
        if (end.isEmpty()) {
            return from;
        }
        boolean sameDay = end.get().at().toLocalDate().equals(start.at().toLocalDate());
        return from + "–" + end.get().at().format(sameDay ? HH_MM : DAY_TIME);
    }

    private String notes(ObjectNode data, StringBuilder body) {
        text(data, "text").map(MarkdownText::block).filter(s -> !s.isEmpty()).ifPresent(body::append);
        JsonNode tags = data.get("tags");
        if (tags != null && tags.isArray()) {
            List<String> shown = new ArrayList<>();
            for (JsonNode tag : tags) {
                String clean = tag.asText().strip().replaceAll("\\s+", "-").replaceAll("[^\\p{L}\\p{N}_/-]", "");
                if (!clean.isEmpty() && !clean.chars().allMatch(Character::isDigit)) {
                    shown.add("#" + clean);
                }
            }
            if (!shown.isEmpty()) {
                body.append(body.length() > 0 ? "\n\n" : "").append(String.join(" ", shown));
            }
        }
        return text(data, "title").map(t -> MarkdownText.inline(t, LABEL_MAX_CHARS)).orElse("Note");
    }

    private String gps(ObjectNode data, StringBuilder body) {
        String position = String.format(Locale.ROOT, "%.5f, %.5f", data.get("lat").doubleValue(),
                data.get("lon").doubleValue());
        body.append(position);
        number(data, "accuracy").ifPresent(a -> body.append(" (± ").append(a).append(" m)"));
        return text(data, "place_name").map(p -> MarkdownText.inline(p, LABEL_MAX_CHARS)).orElse(position);
    }

    private String photos(ObjectNode data, List<String> meta) {
        JsonNode location = data.get("location");
        if (location != null && location.isTextual() && !location.textValue().isBlank()) {
            meta.add("Location: " + MarkdownText.inline(location.textValue()));
        } else if (location != null && location.isObject()) {
            meta.add(String.format(Locale.ROOT, "Location: %.5f, %.5f", location.get("lat").doubleValue(),
                    location.get("lon").doubleValue()));
        }
        TimeValue.of(data.get("timestamp"), zone).ifPresent(t -> meta.add("Taken: " + t.at().format(DAY_TIME)));
        return label(data, "filename");
    }

    private String email(ObjectNode data, List<String> meta) {
        text(data, "from").ifPresent(f -> meta.add("From: " + MarkdownText.inline(f)));
        JsonNode to = data.get("to");
        if (to != null && to.isTextual()) {
            meta.add("To: " + MarkdownText.inline(to.textValue()));
        } else if (to != null && to.isArray() && !to.isEmpty()) {
            List<String> names = new ArrayList<>();
            to.forEach(t -> names.add(MarkdownText.inline(t.textValue())));
            meta.add("To: " + String.join(", ", names));
        }
        TimeValue.of(data.get("date"), zone).ifPresent(t -> meta.add("Date: " + t.at().format(DAY_TIME)));
        return label(data, "subject");
    }

    private String messaging(ObjectNode data, List<String> meta, StringBuilder body) {
        text(data, "platform").ifPresent(p -> meta.add("Platform: " + MarkdownText.inline(p)));
        text(data, "preview").map(MarkdownText::block).filter(s -> !s.isEmpty())
                .ifPresent(p -> body.append("> ").append(p.replace("\n", "\n> ")));
        return label(data, "from");
    }

    private String activity(ObjectNode data, List<String> meta) {
        text(data, "category").ifPresent(c -> meta.add("Category: " + MarkdownText.inline(c)));
        seconds(data, "duration").ifPresent(d -> meta.add("Duration: " + d));
        return label(data, "app_name");
    }

    /** {@code [title](<url>)} for web links; anything else is shown as plain text, never as a live link. */
    static String link(String title, String url) {
        String shownTitle = MarkdownText.inline(title, 200);
        String scheme = url.strip().toLowerCase(Locale.ROOT);
        if (!(scheme.startsWith("http://") || scheme.startsWith("https://")) || url.strip().contains(" ")) {
            return shownTitle.equals(MarkdownText.inline(url)) ? shownTitle : shownTitle + DOT
                    + MarkdownText.inline(url);
        }
        String destination = MarkdownText.clean(url.strip(), false)
                .replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C");
        return "[" + (shownTitle.isEmpty() ? MarkdownText.inline(url) : shownTitle) + "](<" + destination + ">)";
    }


    private static String label(ObjectNode data, String field) {
        return text(data, field).map(t -> MarkdownText.inline(t, LABEL_MAX_CHARS)).orElse("");
    }

    private static Optional<String> text(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank()
                ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static Optional<String> number(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isNumber() ? Optional.of(Numbers.plain(value.doubleValue())) : Optional.empty();
    }

    /** A duration in seconds as "1 h 5 min", "3 min 20 s" or "45 s". */
    private static Optional<String> seconds(ObjectNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isNumber()) {
            return Optional.empty();
        }
        long total = Math.round(value.doubleValue());
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        if (hours > 0) {
            return Optional.of(hours + " h" + (minutes > 0 ? " " + minutes + " min" : ""));
        }
        if (minutes > 0) {
            return Optional.of(minutes + " min" + (secs > 0 ? " " + secs + " s" : ""));
        }
        return Optional.of(secs + " s");
    }

    private static String shortDevice(String deviceId) {
        return deviceId.length() > 8 ? deviceId.substring(0, 8) + "…" : deviceId;
    }
}
