package dev.openclone.obsidian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoteTextTest {

    @Test
    void frontmatterTitleTagsAndBodyTags() {
        NoteText note = NoteText.parse("Trip.md", """
                ---
                title: "Skye in May"
                tags:
                  - travel
                  - "#family"
                aliases: [Skye]
                ---
                # Packing list
                Boots, #rain/jacket and the #2024 map.
                ```
                #not-a-tag in code
                ```
                Use `#nor-this` either. See issue#12 and #travel again.
                """);
        assertThat(note.title()).isEqualTo("Skye in May");
        assertThat(note.tags()).containsExactly("travel", "family", "rain/jacket");
        assertThat(note.body()).startsWith("# Packing list").doesNotContain("aliases");
        assertThat(note.optedOut()).isFalse();
    }

    @Test
    void titleFromTheFirstHeadingElseTheFileName() {
        assertThat(NoteText.parse("a.md", "intro\n# The heading\ntext").title()).isEqualTo("The heading");
        assertThat(NoteText.parse("Daily 2026-12-02.md", "just text").title()).isEqualTo("Daily 2026-12-02");
        assertThat(NoteText.parse("x.md", "---\ntags: a, b\n---\nbody").tags()).containsExactly("a", "b");
        assertThat(NoteText.parse("x.md", "---\ntags: [a, \"b c\"]\n---\n").tags()).containsExactly("a", "b c");
    }

    @Test
    void notesCanOptOut() {
        assertThat(NoteText.parse("x.md", "---\nopenclone: false\n---\nsecret plans").optedOut()).isTrue();
        assertThat(NoteText.parse("x.md", "---\nprivate: true\n---\nsecret plans").optedOut()).isTrue();
        assertThat(NoteText.parse("x.md", "---\nprivate: false\n---\nplans").optedOut()).isFalse();
    }

    @Test
    void anUnclosedFrontmatterIsText() {
        NoteText note = NoteText.parse("x.md", "---\nnot: closed\nstill text");
        assertThat(note.body()).contains("not: closed");
    }
}
