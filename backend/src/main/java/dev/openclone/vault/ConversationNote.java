package dev.openclone.vault;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A day of captured AI-agent conversations, {@code <folder>/conversations-YYYY-MM-DD.md}, with the frontmatter
 * of openclaw-universal-capture (seed 002), so the vault holds what that plugin would have written.
 *
 * @param folder the configured conversation folder, vault-relative, without leading or trailing slashes
 * @param date   the conversation day (after the rollover rule)
 */
public record ConversationNote(String folder, LocalDate date) implements Note {

    private static final Pattern PATH = Pattern.compile("(?:(.*)/)?conversations-(\\d{4}-\\d{2}-\\d{2})\\.md");

    static Optional<ConversationNote> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConversationNote(m.group(1) == null ? "" : m.group(1), LocalDate.parse(m.group(2))));
    }

    public String title() {
        return "conversations-" + date;
    }

    @Override
    public String path() {
        return folder.isEmpty() ? title() + ".md" : folder + "/" + title() + ".md";
    }

    @Override
    public String header() {
        String permalinkFolder = folder.replaceAll("^/+|/+$", "");
        String permalink = permalinkFolder.isEmpty() ? title() : permalinkFolder + "/" + title();
        return "---\n"
                + "title: " + title() + "\n"
                + "type: Conversation\n"
                + "permalink: " + permalink + "\n"
                + "date: " + date + "\n"
                + "---\n"
                + "\n"
                + "# Conversations " + date + "\n";
    }
}
