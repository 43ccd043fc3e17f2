package dev.limitless.repository.mapping.entities;

import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

@ShardedTable
@Table("accounts")
public record Account(@Id @ShardKey Long accountId, @Column("owner_name") String owner, String currency,
        BigDecimal balance, Instant openedAt) {
}
