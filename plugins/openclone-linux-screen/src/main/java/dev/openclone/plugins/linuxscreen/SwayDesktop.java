package dev.openclone.plugins.linuxscreen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.agent.CaptureException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * sway on Wayland: the focused window from {@code swaymsg -t get_tree} (its {@code app_id}, or the X11 class of an
 * Xwayland window, its name and rectangle), its pixels from {@code grim}, and the screen locked while
 * {@code swaylock} runs. sway does not tell how long the user has been idle: pause the agent from swayidle instead
 * (the plugin's README).
 */
final class SwayDesktop implements Desktop {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void check() throws CaptureException, InterruptedException {
        Commands.Result tree = Commands.run(List.of("swaymsg", "-t", "get_version"), null, DEADLINE);
        if (tree.missing()) {
            throw new CaptureException("swaymsg is not installed: sudo apt-get install sway");
        }
        if (!tree.ok()) {
            throw new CaptureException("sway does not answer on SWAYSOCK (" + tree.stderr().strip() + ")");
        }
        Commands.Result grim = Commands.run(List.of("grim", "-h"), null, DEADLINE);
        if (grim.missing()) {
            throw new CaptureException("grim is not installed: sudo apt-get install grim");
        }
    }

    @Override
    public Optional<ActiveWindow> active() throws CaptureException, InterruptedException {
        Commands.Result tree = Commands.run(List.of("swaymsg", "-t", "get_tree"), null, DEADLINE);
        if (!tree.ok()) {
            throw new CaptureException("cannot read sway's windows: " + (tree.missing() ? "swaymsg is not installed"
                    : tree.stderr().strip()));
        }
        try {
            return focused(JSON.readTree(tree.stdout()));
        } catch (IOException e) {
            throw new CaptureException("swaymsg answered something that is not JSON");
        }
    }

    /** The focused window of sway's tree (a workspace or an output is not one). */
    static Optional<ActiveWindow> focused(JsonNode node) {
        if (node.path("focused").asBoolean(false) && node.has("pid") && !node.path("type").asText().equals("workspace")) {
            String app = node.path("app_id").isTextual() ? node.path("app_id").asText()
                    : node.at("/window_properties/class").asText("");
            JsonNode rect = node.path("rect");
            return Optional.of(new ActiveWindow(node.path("id").asLong(), app, node.path("name").asText(""),
                    rect.path("x").asInt(), rect.path("y").asInt(), rect.path("width").asInt(),
                    rect.path("height").asInt()));
        }
        for (String children : new String[] {"nodes", "floating_nodes"}) {
            for (JsonNode child : node.path(children)) {
                Optional<ActiveWindow> found = focused(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Long> idleMillis() {
        return Optional.empty();
    }

    @Override
    public boolean locked(ActiveWindow focused) throws InterruptedException {
        return Commands.run(List.of("pgrep", "-x", "swaylock"), null, DEADLINE).ok();
    }

    @Override
    public BufferedImage grab(ActiveWindow window) throws CaptureException, InterruptedException {
        if (window.width() < 16 || window.height() < 16) {
            return null;
        }
        Commands.Result png = Commands.run(List.of("grim", "-g", window.x() + "," + window.y() + " " + window.width()
                + "x" + window.height(), "-"), null, DEADLINE);
        if (!png.ok()) {
            throw new CaptureException("grim could not take the window's picture: " + (png.missing()
                    ? "grim is not installed (sudo apt-get install grim)" : png.stderr().strip()));
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(png.stdout()));
        } catch (IOException e) {
            throw new CaptureException("grim's picture could not be read: " + e.getMessage());
        }
    }
}
