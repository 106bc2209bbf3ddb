package dev.openclone.event;

import java.math.BigDecimal;

/**
 * How OpenClone spells a number, in one place. Two spellings, for two jobs: {@link #plain} for what people read
 * (the vault, answers), and {@link #canonical} for what is hashed into a dedup key, which must never change or
 * events stored by an older version would no longer be recognised.
 */
public final class Numbers {

    private Numbers() {
    }

    /** No exponent and no trailing zeros: {@code 1708258800}, {@code 0.95}, {@code 60}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The dedup-key form: one spelling per value ({@code 1}, {@code 1.0} and {@code 1e0} alike). */
    public static String canonical(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toString();
    }
}
