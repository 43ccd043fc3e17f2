package dev.limitless.pinning;

/**
 * A pool or driver setting that makes the driver or the pool send a pinning statement on every connection.
 * Its reason is always {@link PinningReason#DRIVER_SETTING}.
 *
 * @param setting the setting as the user configures it, e.g. {@code HikariCP transactionIsolation}
 * @param problem what the setting makes the driver send
 * @param fix what to configure instead
 */
public record DriverSettingFinding(String setting, String problem, String fix) {

    /** Always {@link PinningReason#DRIVER_SETTING}. */
    public PinningReason reason() {
        return PinningReason.DRIVER_SETTING;
    }

    @Override
    public String toString() {
        return setting + ": " + problem + " Fix: " + fix;
    }
}
