package dev.openclone.plugins.linuxscreen;

import dev.openclone.agent.CaptureException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Reads text in a frame with Tesseract 5 (the {@code tesseract} program: Debian's tesseract-ocr with its
 * language packs), after the preparation UI text needs: grey, scaled up (2× took an xterm from 21% to 2.4% word
 * errors), and dark text on a light ground (a dark theme is inverted).
 */
final class Ocr {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String command;
    private final String languages;
    private final int upscale;

    private Ocr(String command, String languages, int upscale) {
        this.command = command;
        this.languages = languages;
        this.upscale = upscale;
    }

    /**
     * Tesseract with the {@code wanted} languages that are installed ({@code eng+jpn}).
     *
     * @throws CaptureException when tesseract is missing, or none of the languages is installed
     */
    static Ocr start(String command, String wanted, int upscale) throws CaptureException, InterruptedException {
        Commands.Result list = Commands.run(List.of(command, "--list-langs"), null, Duration.ofSeconds(20));
        if (list.missing()) {
            throw new CaptureException("tesseract is not installed (" + command + " was not found): sudo apt-get "
                    + "install tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn");
        }
        if (!list.ok()) {
            throw new CaptureException(command + " --list-langs failed: " + list.stderr().strip());
        }
        Set<String> installed = new TreeSet<>(list.text().lines().skip(1).map(String::strip).toList());
        List<String> usable = new ArrayList<>();
        for (String language : wanted.split("\\+")) {
            if (installed.contains(language.strip())) {
                usable.add(language.strip());
            }
        }
        if (usable.isEmpty()) {
            throw new CaptureException("none of the OCR languages " + wanted + " is installed (installed: "
                    + String.join(", ", installed) + "): sudo apt-get install tesseract-ocr-eng");
        }
        return new Ocr(command, String.join("+", usable), Math.max(1, Math.min(4, upscale)));
    }

    String languages() {
        return languages;
    }

    /** The text Tesseract reads in {@code frame}, its lines trimmed, runs of blank lines made one. */
    String read(BufferedImage frame) throws CaptureException, InterruptedException {
        byte[] png;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(prepare(frame, upscale), "png", out);
            png = out.toByteArray();
        } catch (IOException e) {
            throw new CaptureException("cannot encode the frame for OCR: " + e.getMessage(), e);
        }
        Commands.Result result = Commands.run(List.of(command, "stdin", "stdout", "-l", languages, "--psm", "3"),
                png, DEADLINE);
        if (result.missing()) {
            throw new CaptureException("tesseract is not installed (" + command + " was not found): sudo apt-get "
                    + "install tesseract-ocr tesseract-ocr-eng");
        }
        if (!result.ok()) {
            throw new CaptureException("tesseract failed: " + result.stderr().strip().lines().reduce((a, b) -> b)
                    .orElse("exit " + result.exitCode()));
        }
        return tidy(result.text());
    }

    /** Grey, scaled by {@code factor}, dark text on light. */
    static BufferedImage prepare(BufferedImage frame, int factor) {
        int width = frame.getWidth() * factor;
        int height = frame.getHeight() * factor;
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(frame, 0, 0, width, height, null);
        g.dispose();
        byte[] pixels = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xff;
        }
        if (pixels.length > 0 && sum / pixels.length < 128) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (255 - (pixels[i] & 0xff));
            }
        }
        return grey;
    }

    /** A space Tesseract puts between two Japanese or Chinese characters, where the text has none. */
    private static final java.util.regex.Pattern CJK_GAP = java.util.regex.Pattern.compile(
            "(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー、。])[ \\u3000]+(?=[\\p{IsHan}\\p{IsHiragana}"
                    + "\\p{IsKatakana}ー、。])");

    static String tidy(String text) {
        text = CJK_GAP.matcher(text).replaceAll("");
        StringBuilder tidy = new StringBuilder();
        boolean blank = false;
        for (String line : text.replace("\f", "").split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                blank = tidy.length() > 0;
                continue;
            }
            if (blank) {
                tidy.append('\n');
                blank = false;
            }
            tidy.append(stripped).append('\n');
        }
        return tidy.toString().strip();
    }
}
