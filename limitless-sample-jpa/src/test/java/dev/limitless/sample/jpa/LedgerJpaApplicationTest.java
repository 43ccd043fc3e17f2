package dev.limitless.sample.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.repository.ShardKeyChangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The JPA sample on its embedded PostgreSQL with the local Limitless emulation (4 shards). */
@SpringBootTest
class LedgerJpaApplicationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    EntryRepository entries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void startsOnTheEmulationWithShardedCollocatedTables() {
        List<String> tables = jdbc.sql("SELECT table_name || ':' || table_type || ':' || coalesce(distribution_key, '-')"
                + " FROM rds_aurora.limitless_tables WHERE table_name IN ('accounts', 'entries') ORDER BY 1")
                .query(String.class).list();
        assertThat(tables).containsExactly("accounts:sharded:HASH (account_id)", "entries:sharded:HASH (account_id)");
    }

    @Test
    void booksAndReadsEntriesOfOneAccountOnItsShard() {
        UUID alice = ledger.open("alice");
        Entry first = ledger.book(alice, 1000, "salary");
        ledger.book(alice, -250, "rent");
        ledger.correctMemo(alice, first.getEntryId(), "salary, November");

        assertThat(ledger.balanceCents(alice)).isEqualTo(750);
        assertThat(ledger.history(alice)).extracting(Entry::getMemo).containsExactlyInAnyOrder("salary, November", "rent");
        assertThat(ledger.accounts()).isPositive();
    }

    @Test
    void batchedInsertsOfManyAccountsLandEachOnItsAccount() {
        UUID bob = ledger.open("bob");
        UUID carol = ledger.open("carol");
        List<Entry> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(new Entry(i % 2 == 0 ? bob : carol, i, "batch " + i, java.time.Instant.now()));
        }
        transaction.executeWithoutResult(status -> entries.saveAll(batch));

        assertThat(ledger.history(bob)).hasSize(30).allMatch(entry -> entry.getAccountId().equals(bob));
        assertThat(ledger.history(carol)).hasSize(30);
    }

    @Test
    void movingAnEntryToAnotherAccountIsRefusedAtFlush() {
        UUID dave = ledger.open("dave");
        Entry entry = ledger.book(dave, 10, "coffee");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> entries
                .findByAccountIdAndEntryId(dave, entry.getEntryId()).orElseThrow().moveTo(UUID.randomUUID())))
                .hasRootCauseInstanceOf(ShardKeyChangeException.class);
        assertThat(ledger.history(dave)).singleElement().extracting(Entry::getAccountId).isEqualTo(dave);
    }

    @Test
    void sqlThatWouldReadEveryShardIsStillRefusedAtRunTime() {
        assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM entries").query(Long.class).single())
                .hasRootCauseInstanceOf(ScatterRefusedException.class);
    }
}
