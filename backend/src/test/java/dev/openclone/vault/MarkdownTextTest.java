package dev.openclone.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openclone.support.Markdown;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Untrusted text, escaped by {@link MarkdownText}, renders as exactly itself and as nothing but text. */
class MarkdownTextTest {

    static Stream<String> hostileTexts() {
        return Stream.of(
                "---\ntitle: pwned\n---",
                "# Heading\n## Sub heading\n###### six",
                "### 12:00 · A fake entry\nDevice: x\n\n---",
                "***\n___\n- - -\n* * *",
                "Setext one\n===\nSetext two\n---",
                "<script>alert(1)</script>",
                "<div>\n\nblock html</div>",
                "<!-- hidden comment --> after",
                "<https://example.com> autolink and <me@example.com>",
                "[link](http://evil.example) ![img](x.png) [ref][1]\n\n[1]: http://evil.example",
                "[[Wiki Link]] and ![[Embedded note]]",
                "**bold** __bold__ *it* _it_ ~~strike~~ ~single~",
                "==highlight== %%obsidian comment%% $x^2$ $$math$$",
                "`code` and ``double``",
                "```\nfenced code\n```",
                "~~~\ntilde fence\n~~~",
                "    indented code\n\tand a tab",
                "> quote\n> [!note] callout",
                "1. one\n2) two\n10. ten",
                "- item\n+ item\n* item",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "a | b\n--|--\n1 | 2",
                "&amp; &copy; &#169; &#x41; and a bare & ampersand",
                "back\\slash \\* \\# and a trailing backslash\\",
                "#tag in text, C# and F#, issue #12",
                "Footnote[^1]\n\n[^1]: the note",
                "text with a block id ^abc123",
                "snake_case_name and 2*3*4 and a_b_c",
                "emoji 👩‍💻 and accents éàü and CJK 日本語",
                "line with trailing spaces  \nnext line",
                "[REDACTED:aws_access_key] and [REDACTED:password](x) and [REDACTED:jwt]: def",
                "under_score at the end_ and _start, 日本_語, a__b",
                "+++\ntoml: frontmatter\n+++",
                "=\n==\n- \n+");
    }

    @ParameterizedTest
    @MethodSource("hostileTexts")
    void escapedTextRendersAsItselfAndAsPlainParagraphsOnly(String raw) {
        String escaped = MarkdownText.block(raw);

        Node document = Markdown.parse(escaped);

        assertThat(Markdown.blocks(document)).as(escaped).containsOnly("Paragraph");
        assertThat(Markdown.allKinds(document)).as(escaped)
                .isSubsetOf("Paragraph", "Text", "SoftLineBreak");
        assertThat(Markdown.paragraphs(children(document))).as(escaped).isEqualTo(visible(raw));
        assertObsidianSyntaxIsEscaped(escaped);
    }

    @Test
    void controlCharactersAndBidiOverridesAreDroppedAndNewlinesNormalised() {
        String raw = "nul\u0000 bell\u0007 esc\u001b[31m red\r\nwindows\rold mac\u2028sep \u202Eevil\u202C done\u0085x";
        assertThat(MarkdownText.block(raw)).isEqualTo("nul bell esc\\[31m red\nwindows\nold mac\nsep evil done\nx");
    }

    @Test
    void inlineTextStaysOnOneLineAndIsSafeAtALineStart() {
        assertThat(MarkdownText.inline("# not\na heading")).isEqualTo("\\# not a heading");
        assertThat(MarkdownText.inline("- list")).isEqualTo("\\- list");
        assertThat(MarkdownText.inline("x".repeat(10), 5)).isEqualTo("xxxx…");
    }

    @Test
    void plainProseIsLeftAsItIs() {
        String prose = "We discussed the product roadmap for Q2. Costs rose 5% (not 50%) - a well-known issue.";
        assertThat(MarkdownText.block(prose)).isEqualTo(prose);
    }

    /** What a reader should see: each line trimmed, runs of blank lines as one paragraph break. */
    static String visible(String raw) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : raw.replace('\t', ' ').split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                if (current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(trimmed);
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        return String.join("\n\n", paragraphs);
    }

    /**
     * Obsidian syntax that CommonMark does not know can never open: no unescaped [ (wikilinks, embeds, footnotes)
     * but the server's own redaction marker, no #tag or ^block-id after a space or at a line start, no ~~, ==
     * or %%, and the characters that matter anywhere ($ | ` < * ~) always escaped.
     */
    static void assertObsidianSyntaxIsEscaped(String escaped) {
        for (String line : escaped.split("\n")) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (escapedAt(line, i) || "[#^$|`<*~".indexOf(c) < 0) {
                    continue;
                }
                char prev = i > 0 ? line.charAt(i - 1) : ' ';
                char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
                switch (c) {
                    case '[' -> assertThat(line.startsWith("[REDACTED:", i)).as("'[' at %d in %s", i, line).isTrue();
                    case '#', '^' -> assertThat(Character.isLetterOrDigit(prev)).as("'%s' at %d in %s", c, i, line)
                            .isTrue();
                    default -> throw new AssertionError("unescaped '" + c + "' at " + i + " in " + line);
                }
            }
        }
        assertThat(escaped).doesNotContain("==", "%%");
    }

    private static boolean escapedAt(String line, int i) {
        int backslashes = 0;
        for (int j = i - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    @Test
    void whatCannotChangeTheRenderingIsNotEscaped() {
        assertThat(MarkdownText.block("key AKIA… became [REDACTED:aws_access_key] in snake_case_name, C# and x^2"))
                .isEqualTo("key AKIA… became [REDACTED:aws_access_key] in snake_case_name, C# and x^2");
        assertThat(MarkdownText.block("C:\\Users\\me and a\\b")).isEqualTo("C:\\Users\\me and a\\b");
        assertThat(MarkdownText.inline("[REDACTED:password](http://evil)")).isEqualTo(
                "\\[REDACTED:password](http://evil)");
        assertThat(MarkdownText.inline("#tag and _emphasis_ and ~~strike~~")).isEqualTo(
                "\\#tag and \\_emphasis\\_ and \\~\\~strike\\~\\~");
    }

    private static List<Node> children(Node document) {
        List<Node> nodes = new ArrayList<>();
        for (Node child = document.getFirstChild(); child != null; child = child.getNext()) {
            nodes.add(child);
        }
        return nodes;
    }
}
