package dev.limitless.pinning;

import java.util.Locale;

/** What to do when a statement or setting would pin: refuse it, warn about it once, or let it pass silently. */
public enum PinningAction {
    /** Throw {@link PinningRefusedException} before the statement reaches the driver (recommended behind RDS Proxy). */
    REFUSE,
    /** Log a warning once per distinct statement, naming the reason and the calling application frame (default). */
    WARN,
    /** Let it pass; it is still counted in {@code limitless.pinning.risks}. */
    ALLOW;

    /** Parses {@code refuse}, {@code warn} or {@code allow} (any case). */
    public static PinningAction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown pinning action '" + text + "'; use refuse, warn or allow", e);
        }
    }
}
