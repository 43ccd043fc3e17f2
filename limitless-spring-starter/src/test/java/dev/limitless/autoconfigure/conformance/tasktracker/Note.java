package dev.limitless.autoconfigure.conformance.tasktracker;

import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** Sharded only in the catalog file (catalogs/tasktracker.yaml): no limitless annotation. */
@Table("notes")
public record Note(@Id UUID boardId, String body, @Version Long version) {
}
