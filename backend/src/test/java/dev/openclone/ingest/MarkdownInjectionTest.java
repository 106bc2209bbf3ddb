package dev.openclone.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.support.Bodies;
import dev.openclone.support.Markdown;
import dev.openclone.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captured text that looks like Markdown structure lands as text, and the note keeps its own structure. */
class MarkdownInjectionTest {

    static final String HOSTILE = """
            ---
            title: injected frontmatter
            ---
            # Injected heading
            ### 09:99 · Fake entry
            <script>alert("x")</script>
            [[Private note]] ![[secret.png]] %%hidden%% ==mark==
            ***
            > [!warning] callout
            ```
            code
            """;

    @TempDir
    Path dir;

    @Test
    void markdownInjectionTextRendersAsItselfInsideOneEntry() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ObjectNode batch = Bodies.batch("screen_ocr");
            ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME, "inject-1");
            data.put("text", HOSTILE);
            data.put("app_name", "# App\n---");
            data.put("window_title", "<b>title</b> [x](y)");
            Bodies.event(batch, Bodies.SEED_TIME + 60, "inject-2").put("text", "the next entry");

            assertThat(server.http().ingest(batch.toString()).json().get("stored").asInt()).isEqualTo(2);

            String note = server.file("Screen/2024-02-18.md");
            String frontmatter = "---\ntitle: Screen 2024-02-18\ntype: Screen\npermalink: screen/2024-02-18\n"
                    + "date: 2024-02-18\n---\n";
            assertThat(note).startsWith(frontmatter);
            Node document = Markdown.parse(note.substring(frontmatter.length()));
            List<Node> blocks = new ArrayList<>();
            for (Node child = document.getFirstChild(); child != null; child = child.getNext()) {
                blocks.add(child);
            }
            assertThat(Markdown.blocks(document)).containsExactly(
                    "Heading", // # Screen 2024-02-18
                    "Heading", "Paragraph", "Paragraph", "ThematicBreak", // first entry: heading, meta, text, ---
                    "Heading", "Paragraph", "Paragraph", "ThematicBreak");
            assertThat(((Heading) blocks.get(1)).getLevel()).isEqualTo(3);
            assertThat(Markdown.text(blocks.get(1))).isEqualTo("12:20 · # App ---");
            assertThat(Markdown.text(blocks.get(2))).startsWith("Window: <b>title</b> [x](y) · Device:");
            assertThat(Markdown.text(blocks.get(3))).isEqualTo(HOSTILE.strip());
            assertThat(Markdown.text(blocks.get(7))).isEqualTo("the next entry");
            assertThat(Markdown.allKinds(document)).doesNotContain("HtmlBlock", "HtmlInline", "Link", "Image",
                    "Code", "FencedCodeBlock", "BlockQuote", "Emphasis", "StrongEmphasis");
        }
    }
}
