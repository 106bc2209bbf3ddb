package dev.openclone.support;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** Reads Markdown as a renderer does (CommonMark + GFM tables and strikethrough), for asserting what shows. */
public final class Markdown {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create())).build();

    private Markdown() {
    }

    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** The kinds of the document's top-level blocks, such as [Heading, Paragraph, ThematicBreak]. */
    public static List<String> blocks(Node document) {
        List<String> kinds = new ArrayList<>();
        for (Node child = document.getFirstChild(); child != null; child = child.getNext()) {
            kinds.add(child.getClass().getSimpleName());
        }
        return kinds;
    }

    /** Every node kind anywhere in the tree. */
    public static List<String> allKinds(Node document) {
        List<String> kinds = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                    kinds.add(child.getClass().getSimpleName());
                    visitChildren(child);
                }
            }
        });
        return kinds;
    }

    /** The visible text of a block: its text nodes, line breaks as newlines. */
    public static String text(Node block) {
        StringBuilder out = new StringBuilder();
        for (Node child = block.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                out.append(text.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                out.append('\n');
            } else {
                out.append(text(child));
            }
        }
        return out.toString();
    }

    /** The visible text of consecutive paragraphs, separated by blank lines. */
    public static String paragraphs(List<Node> blocks) {
        List<String> texts = new ArrayList<>();
        for (Node block : blocks) {
            if (block instanceof Paragraph) {
                texts.add(text(block));
            }
        }
        return String.join("\n\n", texts);
    }
}
