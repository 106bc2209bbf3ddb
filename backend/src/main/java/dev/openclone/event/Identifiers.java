package dev.openclone.event;



/**
 * The rules for the ids a batch carries, in one place: ingest validates them, and {@code plugin check},
 * {@code plugin new} and the registry check a manifest by the same rules, so a plugin that passes the checklist
 * is never refused at ingest. Every check is a plain scan in time linear in the text: no regular expression
 * (a long hostile value can overflow a backtracking matcher's stack).
 */
public final class Identifiers {

    public static final int PLUGIN_ID_MAX = 64;
    public static final int DEVICE_ID_MAX = 128;
    /** Longer than any real version; bounds the work and the error message. */
    public static final int VERSION_MAX = 128;

    private Identifiers() {
    }

    /** Kebab-case: lowercase letters and digits in groups separated by single hyphens; 1 to 64 characters. */
    public static boolean isPluginId(String id) {
        if (id.isEmpty() || id.length() > PLUGIN_ID_MAX || id.startsWith("-") || id.endsWith("-")
                || id.contains("--")) {
            return false;
        }
        return id.chars().allMatch(c -> c == '-' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }

    /** 1 to 128 of letters, digits, '.', '_', ':' and '-' (a UUID v4 is recommended). */
    public static boolean isDeviceId(String id) {
        return !id.isEmpty() && id.length() <= DEVICE_ID_MAX && id.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-');
    }

    /**
     * A semantic version (semver.org 2.0.0), at most 128 characters: {@code MAJOR.MINOR.PATCH} without leading
     * zeros, an optional {@code -pre.release} whose numeric identifiers have no leading zeros, and an optional
     * {@code +build.metadata}.
     */
    public static boolean isSemver(String version) {
        if (version.isEmpty() || version.length() > VERSION_MAX) {
            return false;
        }
        int plus = version.indexOf('+');
        String main = plus < 0 ? version : version.substring(0, plus);
        if (plus >= 0 && !identifiers(version.substring(plus + 1), false)) {
            return false;
        }
        int dash = main.indexOf('-');
        String core = dash < 0 ? main : main.substring(0, dash);
        if (dash >= 0 && !identifiers(main.substring(dash + 1), true)) {
            return false;
        }
        String[] numbers = core.split("\\.", -1);
        if (numbers.length != 3) {
            return false;
        }
        for (String number : numbers) {
            if (!isNumber(number)) {
                return false;
            }
        }
        return true;
    }

    /** Dot-separated non-empty identifiers of [0-9A-Za-z-]; in a pre-release, numeric ones have no leading zero. */
    private static boolean identifiers(String text, boolean preRelease) {
        for (String identifier : text.split("\\.", -1)) {
            if (identifier.isEmpty() || !identifier.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
            boolean numeric = identifier.chars().allMatch(c -> c >= '0' && c <= '9');
            if (preRelease && numeric && !isNumber(identifier)) {
                return false;
            }
        }
        return true;
    }

    /** Digits without a leading zero (0 itself is fine). */
    private static boolean isNumber(String digits) {
        return !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && (digits.length() == 1 || digits.charAt(0) != '0');
    }
}
