package dev.limitless.autoconfigure.ddl.hostile;

import dev.limitless.catalog.ReferenceTable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A table name that would end a generated comment line and start a statement of its own. */
@Table("evil\nDROP TABLE canary; --")
@ReferenceTable
public record EvilName(@Id Long id) {
}
