package dev.limitless.sample.ledger;

import dev.limitless.catalog.ReferenceTable;
import java.math.BigDecimal;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A currency, stored in the reference table {@code currencies}: Limitless keeps a full copy on every shard, so a
 * single-shard statement can join it without leaving its shard.
 *
 * @param code ISO 4217 code
 * @param name display name
 * @param rateToEur how many euros one unit is worth
 */
@Table("currencies")
@ReferenceTable
public record Currency(@Id String code, String name, BigDecimal rateToEur) {
}
