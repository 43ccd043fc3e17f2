package dev.limitless.sample.jpa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Every method names the account: each stays on the account's shard. */
public interface EntryRepository extends Repository<Entry, Long> {

    Entry save(Entry entry);

    List<Entry> saveAll(Iterable<Entry> entries);

    List<Entry> findByAccountIdOrderByBookedAtDesc(UUID accountId);

    Optional<Entry> findByAccountIdAndEntryId(UUID accountId, Long entryId);

    @Query("select coalesce(sum(e.amountCents), 0) from Entry e where e.accountId = :accountId")
    long balanceCents(UUID accountId);
}
