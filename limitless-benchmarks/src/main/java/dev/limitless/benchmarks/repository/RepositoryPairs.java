package dev.limitless.benchmarks.repository;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.benchmarks.paired.PairedRunner;
import dev.limitless.benchmarks.repository.RepositoryBenchmark.BenchAccount;
import dev.limitless.benchmarks.repository.RepositoryBenchmark.PlainAccounts;
import dev.limitless.benchmarks.repository.RepositoryBenchmark.ShardedAccounts;
import dev.limitless.repository.ShardedRepository;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The repository layer's budgeted pairs: find by key and insert of one sharded entity through a
 * {@link ShardedRepository} (with {@code LimitlessRepositoryConfiguration}) versus a plain Spring Data JDBC
 * repository, same entity, same table, one pool of one connection shared by both.
 */
public final class RepositoryPairs {

    /** Budget of {@code ShardedRepository} over plain Spring Data JDBC, for find and for insert. */
    public static final double BUDGET = 1.03;

    private RepositoryPairs() {
    }

    public static List<PairedRatio> measure(PairedRunner.Settings settings) throws Exception {
        try (TestDatabase database = PostgresServers.shared().createDatabase("paired_repository", 16)) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("""
                        BEGIN;
                        SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                        SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                        CREATE TABLE bench_accounts (account_id uuid PRIMARY KEY, owner text NOT NULL,
                                                     balance bigint NOT NULL, version bigint NOT NULL);
                        COMMIT;
                        """);
            }
            // one pool of one connection for both sides: the same server process answers both, so neither side
            // gets a backend the scheduler happens to place better (two pools made the find pair bimodal)
            try (HikariDataSource pool = database.newPool(1);
                 AnnotationConfigApplicationContext limitless = RepositoryBenchmark.context(pool,
                    RepositoryBenchmark.Limitless.class);
                 AnnotationConfigApplicationContext plainContext = RepositoryBenchmark.context(pool,
                         RepositoryBenchmark.Plain.class)) {
                ShardedAccounts sharded = limitless.getBean(ShardedAccounts.class);
                PlainAccounts plain = plainContext.getBean(PlainAccounts.class);
                UUID existing = UUID.randomUUID();
                sharded.save(new BenchAccount(existing, "bench", 100));
                PairedRunner.warmUp(settings, () -> plain.findById(existing).orElseThrow(),
                        () -> sharded.findById(existing).orElseThrow(),
                        () -> plain.save(new BenchAccount(UUID.randomUUID(), "bench", 1)),
                        () -> sharded.save(new BenchAccount(UUID.randomUUID(), "bench", 1)));
                PairedRatio find = PairedRunner.run("ShardedRepository / Spring Data JDBC, find by key", BUDGET,
                        () -> plain.findById(existing).orElseThrow(), () -> sharded.findById(existing).orElseThrow(),
                        settings);
                PairedRatio insert = PairedRunner.run("ShardedRepository / Spring Data JDBC, insert", BUDGET,
                        () -> plain.save(new BenchAccount(UUID.randomUUID(), "bench", 1)),
                        () -> sharded.save(new BenchAccount(UUID.randomUUID(), "bench", 1)), settings);
                return List.of(find, insert);
            }
        }
    }
}
