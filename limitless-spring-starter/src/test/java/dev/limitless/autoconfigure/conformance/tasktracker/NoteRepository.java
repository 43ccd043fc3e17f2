package dev.limitless.autoconfigure.conformance.tasktracker;

import dev.limitless.repository.ShardedRepository;
import java.util.UUID;

public interface NoteRepository extends ShardedRepository<Note, UUID> {
}
