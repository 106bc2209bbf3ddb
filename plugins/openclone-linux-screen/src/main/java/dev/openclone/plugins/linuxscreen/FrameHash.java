package dev.openclone.plugins.linuxscreen;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A perceptual hash of a frame (the difference hash: the frame shrunk to 9 × 8 grey pixels, one bit per
 * neighbouring pair, brighter or not): frames that look the same have hashes a few bits apart, whatever their
 * size or a blinking cursor; a page scrolled or new text gives a different one.
 */
final class FrameHash {

    /** Hashes this many bits apart or fewer are the same picture. */
    static final int SAME = 3;

    private FrameHash() {
    }

    static long of(BufferedImage frame) {
        BufferedImage small = new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, 9, 8, null);
        g.dispose();
        long hash = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int left = small.getRaster().getSample(x, y, 0);
                int right = small.getRaster().getSample(x + 1, y, 0);
                hash = (hash << 1) | (left > right ? 1 : 0);
            }
        }
        return hash;
    }

    static boolean same(long a, long b) {
        return Long.bitCount(a ^ b) <= SAME;
    }
}
