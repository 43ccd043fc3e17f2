package dev.limitless.sample.api;

import dev.limitless.sample.ledger.FailedTransactionsReport;
import dev.limitless.sample.ledger.Ledger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports over every account: deliberate reads of every shard. */
@RestController
class ReportsController {

    private final Ledger ledger;

    ReportsController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/reports/failed-transactions")
    FailedTransactionsReport failedTransactions() {
        return ledger.failedTransactions();
    }
}
