package dev.openclone.event;

import java.util.Arrays;
import java.util.Optional;

/** The platforms a plugin may report. */
public enum Platform {
    MACOS, WINDOWS, LINUX, IOS, ANDROID, WEB;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Platform> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(p -> "'" + p.wireName() + "'").toList());
    }
}
