package dev.limitless.autoconfigure.jpa.mapping;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** IDENTITY generation, and a shard key that is neither in the id nor a {@code @PartitionKey}. */
@Entity
@Table(name = "mapping_orders")
@ShardedTable(shardKey = "customer_id")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id")
    private UUID customerId;
}
