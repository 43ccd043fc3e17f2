package dev.limitless.test.oracle;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which emulated shards one statement touches, per sharded table, as PostgreSQL's planner (partition pruning) and,
 * for inserts, tuple routing decide. Shard numbers are hash-partition remainders: on the emulation, collocated
 * tables place equal shard keys on equal shard numbers.
 *
 * @param shardCount emulated shards of the database
 * @param shardsByTable for every sharded table the statement reads or writes ({@code schema.table}), the shard
 *     numbers it touches
 */
public record ShardTouch(int shardCount, Map<String, Set<Integer>> shardsByTable) {

    public ShardTouch {
        shardsByTable = Map.copyOf(shardsByTable);
    }

    /** Distinct shards touched over all sharded tables; 0 when no sharded table is involved. */
    public int shards() {
        Set<Integer> all = new TreeSet<>();
        shardsByTable.values().forEach(all::addAll);
        return all.size();
    }

    /** Shards touched for one table ({@code schema.table}); 0 when the statement does not touch it. */
    public int shards(String qualifiedTable) {
        Set<Integer> shards = shardsByTable.get(qualifiedTable);
        return shards == null ? 0 : shards.size();
    }

    /** The largest number of shards any one sharded table is touched on. */
    public int maxShardsPerTable() {
        return shardsByTable.values().stream().mapToInt(Set::size).max().orElse(0);
    }

    /** Whether some sharded table is read or written on every shard: scatter-gather on Aurora. */
    public boolean touchesEveryShard() {
        return shardCount > 1 && maxShardsPerTable() == shardCount;
    }

    /** Whether the statement stays on at most one shard. */
    public boolean singleShard() {
        return shards() <= 1;
    }
}
