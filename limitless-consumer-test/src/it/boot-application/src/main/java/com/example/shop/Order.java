package com.example.shop;

import dev.limitless.catalog.ShardedTable;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("orders")
@ShardedTable(shardKey = "customer_id")
public record Order(@Id UUID customerId, String item) {
}
