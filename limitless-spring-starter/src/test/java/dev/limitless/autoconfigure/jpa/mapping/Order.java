package dev.limitless.autoconfigure.jpa.mapping;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/**
 * IDENTITY generation, a shard key that is neither in the id nor a {@code @PartitionKey}, and a collection of a
 * sharded entity found without its shard key.
 */
@Entity
@Table(name = "mapping_orders")
@ShardedTable(shardKey = "customer_id")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "customer_id")
    private UUID customerId;

    /** Loaded by order_id alone, without the lines' shard key. */
    @OneToMany(mappedBy = "order")
    private List<OrderLine> lines;
}
