package dev.limitless.autoconfigure.conformance.tasktracker;

import dev.limitless.catalog.ShardedTable;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** Sharded by annotation. */
@Table("boards")
@ShardedTable(shardKey = "board_id")
public record Board(@Id UUID boardId, String name, @Version Long version) {
}
