package dev.limitless.sample.api;

import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.Transaction;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The classic mistake, kept on purpose: a search by status names no account, so it would ask every shard. */
@RestController
class TransactionSearchController {

    private final Ledger ledger;

    TransactionSearchController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/transactions/search")
    List<Transaction> search(@RequestParam String status) {
        return ledger.searchByStatus(status);
    }
}
