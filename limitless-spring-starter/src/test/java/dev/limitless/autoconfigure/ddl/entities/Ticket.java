package dev.limitless.autoconfigure.ddl.entities;

import dev.limitless.catalog.ShardedTable;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("tickets")
@ShardedTable(shardKey = "event_id")
public record Ticket(@Id UUID eventId, String holder) {
}
