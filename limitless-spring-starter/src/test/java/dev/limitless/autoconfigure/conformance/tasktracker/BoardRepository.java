package dev.limitless.autoconfigure.conformance.tasktracker;

import dev.limitless.repository.ShardedRepository;
import java.util.UUID;

public interface BoardRepository extends ShardedRepository<Board, UUID> {
}
