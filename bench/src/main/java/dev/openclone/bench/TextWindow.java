package dev.openclone.bench;

import java.awt.Font;
import java.awt.Insets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * A window showing a file's text in a given font, as a desktop application draws it (anti-aliased, proportional):
 * {@code TextWindow TITLE FILE FONT}. The capture benchmark opens these beside xterms.
 */
public final class TextWindow {

    private TextWindow() {
    }

    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame(args[0]);
            JTextArea area = new JTextArea(text);
            area.setFont(new Font(args[2], Font.PLAIN, 17));
            area.setEditable(false);
            area.setMargin(new Insets(12, 12, 12, 12));
            frame.add(area);
            frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
            frame.setSize(900, 300);
            frame.setLocation(40, 40);
            frame.setVisible(true);
        });
    }
}
