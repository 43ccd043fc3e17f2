package dev.limitless.sample.ledger;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

/** The currencies reference table: a copy lives on every shard, so reading it never scatters. */
interface CurrencyRepository extends Repository<Currency, String> {

    Optional<Currency> findById(String code);

    List<Currency> findAllByOrderByCode();
}
