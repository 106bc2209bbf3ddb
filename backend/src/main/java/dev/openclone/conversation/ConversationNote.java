package dev.openclone.conversation;

import dev.openclone.vault.Note;
import java.time.LocalDate;

/**
 * A day of captured AI-agent conversations, {@code <folder>/conversations-YYYY-MM-DD.md}, with the frontmatter
 * of openclaw-universal-capture (seed 002), so the vault holds what that plugin would have written.
 *
 * @param folder the configured conversation folder, vault-relative, without leading or trailing slashes
 * @param date   the conversation day (after the rollover rule)
 */
public record ConversationNote(String folder, LocalDate date) implements Note {

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
