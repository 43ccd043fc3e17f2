package dev.limitless.repository.mapping.entities;

import dev.limitless.catalog.ReferenceTable;
import org.springframework.data.annotation.Id;

@ReferenceTable
public class Currency {
    @Id
    String code;
    String displayName;
}
