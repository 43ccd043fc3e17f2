package dev.limitless.sample.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What to run.
 *
 * @param baseUri the sample's root, e.g. {@code http://localhost:8080}
 * @param duration how long to send requests, after the accounts exist
 * @param concurrency how many requests are in flight at once (one thread each)
 * @param accounts how many accounts the requests spread over
 */
record LoadSettings(URI baseUri, Duration duration, int concurrency, int accounts) {

    static final String USAGE = """
            Usage: LoadCommand [--url http://localhost:8080] [--duration 30s] [--concurrency 8] [--accounts 32]
              --url          root of the running sample
              --duration     how long to send requests: 45s, 2m, or an ISO-8601 duration (PT45S)
              --concurrency  requests in flight at once (threads)
              --accounts     accounts to open first and spread the requests over""";

    LoadSettings {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, was " + duration);
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 1024, was " + concurrency);
        }
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts must be at least 1, was " + accounts);
        }
    }

    static LoadSettings parse(List<String> args) {
        URI uri = URI.create("http://localhost:8080");
        Duration duration = Duration.ofSeconds(30);
        int concurrency = 8;
        int accounts = 32;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--url" -> uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                case "--duration" -> duration = duration(value);
                case "--concurrency" -> concurrency = number(option, value);
                case "--accounts" -> accounts = number(option, value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new LoadSettings(uri, duration, concurrency, accounts);
    }

    private static Duration duration(String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--duration '" + value + "' is not a duration: use 45s, 2m or PT45S");
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
        }
    }
}
