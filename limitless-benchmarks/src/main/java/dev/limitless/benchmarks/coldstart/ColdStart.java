package dev.limitless.benchmarks.coldstart;

import dev.limitless.benchmarks.paired.LoadAverage;
import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The first request of a cold execution environment with and without the guard's start-up warm-up, measured in one
 * run: pairs of fresh JVMs ({@link ColdStartApplication}), one of each setting per pair, the order alternating from
 * pair to pair, against one embedded PostgreSQL with 16 emulated shards. Published as two paired ratios (warm-up on
 * over off): the first request's latency (budget 1.0: the warm-up must shorten it) and the init phase's duration (what
 * the warm-up moves there; no budget, reported against 2.0 so that only a doubling would fail).
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        for (PairedRatio ratio : measure(args.length > 0 ? Integer.parseInt(args[0]) : 10)) {
            System.out.println(ratio.summary());
        }
    }

    public static List<PairedRatio> measure(int pairs) throws Exception {
        String loadBefore = LoadAverage.now();
        Path catalog = Files.createTempFile("limitless-cold-start-catalog-", ".yaml");
        try (TestDatabase database = PostgresServers.shared().createDatabase("cold_start", 16)) {
            Files.writeString(catalog, """
                    tables:
                      - name: accounts
                        mode: sharded
                        shardKey: [account_id]
                      - name: transactions
                        mode: sharded
                        shardKey: [account_id]
                        collocateWith: accounts
                    """, StandardCharsets.UTF_8);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("""
                        BEGIN;
                        SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                        SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                        CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text NOT NULL);
                        SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
                        CREATE TABLE transactions (account_id uuid NOT NULL, tx_id uuid NOT NULL, amount numeric NOT NULL,
                            PRIMARY KEY (account_id, tx_id));
                        COMMIT;
                        """);
            }
            double[] firstOff = new double[pairs];
            double[] firstOn = new double[pairs];
            double[] initOff = new double[pairs];
            double[] initOn = new double[pairs];
            for (int pair = 0; pair < pairs; pair++) {
                boolean onFirst = pair % 2 == 1;
                double[] a = run(database, catalog, onFirst);
                double[] b = run(database, catalog, !onFirst);
                double[] on = onFirst ? a : b;
                double[] off = onFirst ? b : a;
                initOn[pair] = on[0] * 1e6;
                initOff[pair] = off[0] * 1e6;
                firstOn[pair] = on[1] * 1e3;
                firstOff[pair] = off[1] * 1e3;
            }
            String load = loadBefore + " -> " + LoadAverage.now();
            return List.of(
                    new PairedRatio("cold start: first request, warm-up on / off", 1.0, firstOff, firstOn, 1, load),
                    new PairedRatio("cold start: init phase, warm-up on / off", 2.0, initOff, initOn, 1, load));
        } finally {
            Files.deleteIfExists(catalog);
        }
    }

    /** One fresh JVM: {init ms, first request us, second request us}. */
    private static double[] run(TestDatabase database, Path catalog, boolean warmUp) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStartApplication.class.getName(), database.jdbcUrl(),
                database.username(), database.password() == null ? "" : database.password(), catalog.toString(),
                String.valueOf(warmUp)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        double[] result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    result = new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3])};
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("The cold-start application exited with " + exit + ":\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())));
        }
        return result;
    }
}
