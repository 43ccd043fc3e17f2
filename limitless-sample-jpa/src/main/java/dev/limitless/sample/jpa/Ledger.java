package dev.limitless.sample.jpa;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ledger's operations; each reads and writes one account's shard. */
@Service
public class Ledger {

    private final AccountRepository accounts;
    private final EntryRepository entries;
    private final Clock clock;

    public Ledger(AccountRepository accounts, EntryRepository entries) {
        this.accounts = accounts;
        this.entries = entries;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public UUID open(String owner) {
        return accounts.save(new Account(UUID.randomUUID(), owner)).getAccountId();
    }

    @Transactional
    public Entry book(UUID accountId, long amountCents, String memo) {
        accounts.findById(accountId).orElseThrow(() -> new IllegalArgumentException("No account " + accountId));
        return entries.save(new Entry(accountId, amountCents, memo, clock.instant()));
    }

    @Transactional
    public void correctMemo(UUID accountId, long entryId, String memo) {
        entries.findByAccountIdAndEntryId(accountId, entryId).orElseThrow().correctMemo(memo);
    }

    @Transactional(readOnly = true)
    public long balanceCents(UUID accountId) {
        return entries.balanceCents(accountId);
    }

    @Transactional(readOnly = true)
    public List<Entry> history(UUID accountId) {
        return entries.findByAccountIdOrderByBookedAtDesc(accountId);
    }

    public long accounts() {
        return accounts.count();
    }
}
