package dev.limitless.sample.load;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Drives the running sample's REST API for a while and prints throughput and latency percentiles, so that the
 * {@code limitless_*} meters on {@code /actuator/prometheus} have something to show. Uses only the JDK:
 * <pre>
 * java -cp limitless-sample-app/target/classes dev.limitless.sample.load.LoadCommand --duration 30s --concurrency 8
 * </pre>
 * Exit status: 0 when every answer was one the sample is meant to give, 1 otherwise, 2 for bad options.
 */
public final class LoadCommand {

    private LoadCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(LoadSettings.USAGE);
            return 2;
        }
        out.printf("Opening %d accounts at %s, then sending requests for %d s with %d in flight...%n",
                settings.accounts(), settings.baseUri(), settings.duration().toSeconds(), settings.concurrency());
        LoadReport report;
        try {
            report = new LoadDriver(settings).run();
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println(e.getMessage());
            err.println("Is the sample running? Start it with: ./mvnw -pl limitless-sample-app -am spring-boot:run");
            return 1;
        }
        report.print(out);
        return report.overall().unexpected() == 0 ? 0 : 1;
    }
}
