package dev.limitless.sample.api;

import dev.limitless.sample.ledger.Account;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.NewAccount;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sample.ledger.RecordedTransaction;
import dev.limitless.sample.ledger.Transaction;
import dev.limitless.sample.ledger.TransactionLine;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and their transactions: every request names an account, so every statement runs on one shard. */
@RestController
@RequestMapping("/accounts")
class AccountsController {

    /** Header with which a client makes a POST safe to retry. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Response header set when an idempotency key was seen before and the first result is returned. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final Ledger ledger;

    AccountsController(Ledger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    ResponseEntity<Account> open(@RequestBody NewAccount request) {
        Account account = ledger.openAccount(request);
        return ResponseEntity.created(URI.create("/accounts/" + account.accountId())).body(account);
    }

    @GetMapping("/{accountId}")
    Account account(@PathVariable UUID accountId) {
        return ledger.account(accountId);
    }

    /** 201 with the new transaction; 200 with the first one when the idempotency key was used before. */
    @PostMapping("/{accountId}/transactions")
    ResponseEntity<Transaction> record(@PathVariable UUID accountId, @RequestBody NewTransaction request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        RecordedTransaction recorded = ledger.record(accountId, request, idempotencyKey);
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header(IDEMPOTENT_REPLAYED, Boolean.toString(recorded.replayed()))
                .body(recorded.transaction());
    }

    @GetMapping("/{accountId}/transactions")
    List<TransactionLine> transactions(@PathVariable UUID accountId, @RequestParam(defaultValue = "20") int limit) {
        return ledger.recentTransactions(accountId, limit);
    }
}
