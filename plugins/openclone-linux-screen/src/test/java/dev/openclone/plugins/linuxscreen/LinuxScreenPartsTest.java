package dev.openclone.plugins.linuxscreen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinuxScreenPartsTest {

    @Test
    void tidyingJoinsJapaneseTesseractSpacedAndKeepsEnglishWords() {
        assertThat(Ocr.tidy("来週 まで に 報告 書 を 確認 し て くだ さい 。\n\n\n\nThe  plan\f"))
                .isEqualTo("来週までに報告書を確認してください。\n\nThe  plan");
        assertThat(Ocr.tidy("  Budget review 2026 \n  next line  ")).isEqualTo("Budget review 2026\nnext line");
    }

    @Test
    void aFrameThatLooksTheSameHashesTheSameAndNewTextDoesNot() {
        BufferedImage one = text("Quarterly roadmap review", 0);
        BufferedImage cursorMoved = text("Quarterly roadmap review", 3);
        BufferedImage other = text("Shopping list: oat milk", 0);
        assertThat(FrameHash.same(FrameHash.of(one), FrameHash.of(one))).isTrue();
        assertThat(FrameHash.same(FrameHash.of(one), FrameHash.of(cursorMoved))).isTrue();
        assertThat(FrameHash.same(FrameHash.of(one), FrameHash.of(other))).isFalse();
    }

    @Test
    void aDarkThemeIsInvertedAndScaled() {
        BufferedImage dark = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage prepared = Ocr.prepare(dark, 2);
        assertThat(prepared.getWidth()).isEqualTo(80);
        assertThat(prepared.getRaster().getSample(5, 5, 0)).isEqualTo(255);
    }

    @Test
    void theSameTextFromTheSameWindowIsSentAgainOnlyAfterTheResendTime() {
        SentTexts sent = new SentTexts(2);
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Duration hour = Duration.ofHours(1);
        assertThat(sent.firstOrStale("Notes\u0000a.txt", "d1", now, hour)).isTrue();
        assertThat(sent.firstOrStale("Notes\u0000a.txt", "d1", now.plusSeconds(60), hour)).isFalse();
        assertThat(sent.firstOrStale("Notes\u0000b.txt", "d1", now.plusSeconds(60), hour)).isTrue();
        assertThat(sent.firstOrStale("Notes\u0000a.txt", "d2", now.plusSeconds(90), hour)).isTrue();
        assertThat(sent.firstOrStale("Notes\u0000a.txt", "d2", now.plus(hour).plusSeconds(91), hour)).isTrue();
    }

    private static BufferedImage text(String text, int cursorX) {
        BufferedImage image = new BufferedImage(400, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 60);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        g.drawString(text, 10, 30);
        g.fillRect(300 + cursorX, 40, 2, 12);
        g.dispose();
        return image;
    }
}
