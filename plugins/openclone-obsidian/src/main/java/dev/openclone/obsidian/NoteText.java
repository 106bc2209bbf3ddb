package dev.openclone.obsidian;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown note as Obsidian reads it: YAML frontmatter between {@code ---} lines (the simple forms Obsidian's own
 * properties editor writes: {@code key: value}, {@code key: [a, b]}, and lists of {@code - item} lines), the body
 * after it, its tags (the {@code tags} property and {@code #tags} in the body outside code) and its title (the
 * {@code title} property, else the first {@code # heading}, else the file name).
 */
public record NoteText(String title, String body, List<String> tags, Map<String, List<String>> properties) {

    private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}_/#&])#([\\p{L}\\p{N}_/-]+)");
    private static final Pattern HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern KEY = Pattern.compile("^([A-Za-z0-9_][\\w .-]*?)\\s*:\\s*(.*)$");

    public static NoteText parse(String fileName, String text) {
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normal.startsWith("\uFEFF")) {
            normal = normal.substring(1);
        }
        Map<String, List<String>> properties = new TreeMap<>();
        String body = normal;
        if (normal.startsWith("---\n")) {
            int end = normal.indexOf("\n---", 3);
            int after = end < 0 ? -1 : normal.indexOf('\n', end + 4);
            if (end >= 0 && (after < 0 || normal.substring(end + 4, after).isBlank())) {
                properties = frontmatter(normal.substring(4, end + 1));
                body = after < 0 ? "" : normal.substring(after + 1);
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : properties.getOrDefault("tags", List.of())) {
            String t = tag.startsWith("#") ? tag.substring(1) : tag;
            if (!t.isBlank()) {
                tags.add(t.strip());
            }
        }
        tags.addAll(bodyTags(body));
        String content = body;
        String title = first(properties.get("title"))
                .or(() -> content.lines().map(HEADING::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst())
                .orElse(fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName);
        return new NoteText(title, body.strip(), List.copyOf(tags), properties);
    }

    /** Whether the note asks not to be captured: {@code openclone: false} or {@code private: true}. */
    public boolean optedOut() {
        return first(properties.get("openclone")).map(v -> v.equalsIgnoreCase("false")).orElse(false)
                || first(properties.get("private")).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Map<String, List<String>> frontmatter(String yaml) {
        Map<String, List<String>> properties = new TreeMap<>();
        String listKey = null;
        for (String line : yaml.split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String stripped = line.strip();
            if (listKey != null && (stripped.startsWith("- ") || stripped.equals("-"))) {
                if (stripped.length() > 2) {
                    properties.get(listKey).add(unquote(stripped.substring(2).strip()));
                }
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (!m.matches() || Character.isWhitespace(line.charAt(0))) {
                listKey = null;
                continue;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            List<String> values = new ArrayList<>();
            if (value.isEmpty()) {
                listKey = key;
            } else if (value.startsWith("[") && value.endsWith("]")) {
                for (String item : value.substring(1, value.length() - 1).split(",")) {
                    if (!item.isBlank()) {
                        values.add(unquote(item.strip()));
                    }
                }
                listKey = null;
            } else if (key.equals("tags") && value.contains(",")) {
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        values.add(unquote(item.strip()));
                    }
                }
                listKey = null;
            } else {
                values.add(unquote(value));
                listKey = null;
            }
            properties.put(key, values);
        }
        return properties;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** {@code #tags} outside fenced code, inline code and headings' leading hashes; not purely numeric. */
    private static List<String> bodyTags(String body) {
        List<String> tags = new ArrayList<>();
        boolean fenced = false;
        for (String line : body.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = TAG.matcher(line.replaceAll("`[^`]*`", " "));
            while (m.find()) {
                String tag = m.group(1).replaceAll("[/-]+$", "");
                if (!tag.isEmpty() && !tag.chars().allMatch(Character::isDigit) && !tags.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }
}
