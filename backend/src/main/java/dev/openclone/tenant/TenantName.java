package dev.openclone.tenant;

import java.util.regex.Pattern;

/** The rule for tenant names: they appear in paths, logs and commands, so they stay short and plain. */
public final class TenantName {

    public static final String RULE = "1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private TenantName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
