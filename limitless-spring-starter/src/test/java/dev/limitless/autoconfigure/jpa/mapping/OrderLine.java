package dev.limitless.autoconfigure.jpa.mapping;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.PartitionKey;

/** A to-one association to a sharded entity whose id lacks its shard key: loading it reads every shard. */
@Entity
@Table(name = "mapping_order_lines")
@ShardedTable(shardKey = "customer_id", collocateWith = "mapping_orders")
public class OrderLine {

    @Id
    private UUID id;

    @PartitionKey
    @Column(name = "customer_id")
    private UUID customerId;

    @ManyToOne
    @JoinColumn(name = "order_id")
    private Order order;
}
