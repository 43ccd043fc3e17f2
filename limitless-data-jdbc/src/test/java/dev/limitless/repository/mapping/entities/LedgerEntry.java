package dev.limitless.repository.mapping.entities;

import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Embedded;

/** Composite id containing the shard key, an embedded value with a prefix, a skipped collection and transient. */
@ShardedTable(collocateWith = "accounts")
public class LedgerEntry {

    public record Key(@ShardKey long accountId, long entryNo) {
    }

    public record Money(BigDecimal amount, String currency) {
    }

    @Id
    Key id;

    @Embedded.Nullable(prefix = "value_")
    Money value;

    List<String> tags;

    @Transient
    String cached;

    boolean reversed;
}
