package dev.limitless.benchmarks.paired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average (1, 5 and 15 minutes) as Linux reports it, or {@code unknown} elsewhere. */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
