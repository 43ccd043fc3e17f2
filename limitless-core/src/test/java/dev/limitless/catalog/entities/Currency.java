package dev.limitless.catalog.entities;

import dev.limitless.catalog.ReferenceTable;
import org.springframework.data.annotation.Id;

@ReferenceTable
public class Currency {
    @Id
    String code;
    String displayName;
}
