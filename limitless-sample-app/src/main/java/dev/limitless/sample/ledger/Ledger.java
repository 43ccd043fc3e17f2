package dev.limitless.sample.ledger;

import dev.limitless.failure.IdempotencyKey;
import dev.limitless.failure.Idempotent;
import dev.limitless.guard.AllowScatter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's use cases, shared by the REST controllers and the Lambda handler. Each one that concerns an account
 * runs on that account's shard; {@link #failedTransactions()} reads every shard on purpose and
 * {@link #searchByStatus(String)} does so by mistake.
 */
@Service
public class Ledger {

    /** Largest page of {@link #recentTransactions(UUID, int)}. */
    public static final int MAX_LIMIT = 100;

    private static final int MAX_OWNER_LENGTH = 200;
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final AccountRepository accounts;
    private final CurrencyRepository currencies;
    private final TransactionJournal journal;
    private final Clock clock;

    Ledger(AccountRepository accounts, CurrencyRepository currencies, TransactionJournal journal, Clock clock) {
        this.accounts = accounts;
        this.currencies = currencies;
        this.journal = journal;
        this.clock = clock;
    }

    /** Opens an account with a zero balance. */
    @Transactional
    public Account openAccount(NewAccount request) {
        if (request == null || request.owner() == null || request.owner().isBlank()) {
            throw new InvalidRequestException("owner", "Give the account an owner: {\"owner\": \"Ada\", \"currency\": \"EUR\"}.");
        }
        if (request.owner().length() > MAX_OWNER_LENGTH) {
            throw new InvalidRequestException("owner", "The owner is longer than " + MAX_OWNER_LENGTH + " characters.");
        }
        Currency currency = currency(request.currency());
        return accounts.save(Account.open(request.owner().strip(), currency.code(), now()));
    }

    /** The account with the given id. */
    @Idempotent
    @Transactional(readOnly = true)
    public Account account(UUID accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
    }

    /**
     * Records a transaction and applies it to the balance, converted to the account's currency. A debit larger than
     * the balance is recorded as {@link TransactionStatus#FAILED} and changes nothing else. With an idempotency key
     * that this account has seen before, returns the transaction recorded the first time and writes nothing.
     * With a key, the call is an idempotent unit of work: the starter runs it again (a new transaction) when it fails
     * with a transient failure, such as a connection terminated mid-transaction; the key, stored with the row under
     * a unique constraint on the account's shard, makes sure it is booked once.
     *
     * @param idempotencyKey the caller's key, or {@code null}
     */
    // tag::record[]
    @Transactional
    public RecordedTransaction record(UUID accountId, NewTransaction request, @IdempotencyKey String idempotencyKey) {
        BigDecimal amount = validAmount(request);
        String key = validIdempotencyKey(idempotencyKey);
        Currency currency = currency(request.currency());
        // The row lock serializes writers of one account, so two requests with the same key cannot both insert.
        Account account = accounts.lockById(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
        if (key != null) {
            var earlier = journal.findByIdempotencyKey(accountId, key);
            if (earlier.isPresent()) {
                return new RecordedTransaction(earlier.get(), true);
            }
        }
        BigDecimal signed = request.directionOrCredit() == Direction.DEBIT ? amount.negate() : amount;
        BigDecimal inAccountCurrency = convert(signed, currency, currency(account.currency()));
        boolean applied = accounts.applyToBalance(accountId, inAccountCurrency) == 1;
        Transaction transaction = new Transaction(accountId, UUID.randomUUID(), signed, currency.code(),
                applied ? TransactionStatus.BOOKED : TransactionStatus.FAILED, key, now());
        journal.insert(transaction);
        return new RecordedTransaction(transaction, false);
    }
    // end::record[]

    /** The account's newest transactions first, at most {@code limit} (1 to {@value #MAX_LIMIT}). */
    @Idempotent
    @Transactional(readOnly = true)
    public List<TransactionLine> recentTransactions(UUID accountId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit + ".");
        }
        account(accountId);
        return journal.recent(accountId, limit);
    }

    /** Counts failed transactions over every account: a deliberate read of every shard. */
    // tag::report[]
    @AllowScatter(reason = "back-office report over every account; a few calls a day")
    @Transactional(readOnly = true)
    public FailedTransactionsReport failedTransactions() {
        List<FailedTransactionsReport.CurrencyTotal> totals = journal.failedByCurrency();
        long count = totals.stream().mapToLong(FailedTransactionsReport.CurrencyTotal::count).sum();
        return new FailedTransactionsReport(count, totals);
    }
    // end::report[]

    /** Transactions with the given status over every account, written naively: the guard refuses it. */
    @Transactional(readOnly = true)
    public List<Transaction> searchByStatus(String status) {
        return journal.findByStatus(status(status));
    }

    /**
     * Checks, without writing, that {@link #record(UUID, NewTransaction, String)} would accept this request: the
     * asynchronous path answers the client's mistakes at once instead of queueing a message that can never be booked.
     */
    @Transactional(readOnly = true)
    public void checkRecordable(UUID accountId, NewTransaction request, String idempotencyKey) {
        validAmount(request);
        validIdempotencyKey(idempotencyKey);
        currency(request.currency());
        account(accountId);
    }

    /** The transaction this account recorded under {@code idempotencyKey}, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<Transaction> transactionByIdempotencyKey(UUID accountId, String idempotencyKey) {
        return journal.findByIdempotencyKey(accountId, validIdempotencyKey(idempotencyKey));
    }

    /** PostgreSQL keeps microseconds: what we return must be what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidRequestException("currency", "Give a currency code, e.g. \"EUR\".");
        }
        return currencies.findById(code.strip().toUpperCase(Locale.ROOT)).orElseThrow(() -> new UnknownCurrencyException(
                code, currencies.findAllByOrderByCode().stream().map(Currency::code).toList()));
    }

    private static BigDecimal validAmount(NewTransaction request) {
        if (request == null || request.amount() == null) {
            throw new InvalidRequestException("amount", "Give an amount: {\"amount\": \"12.50\", \"currency\": \"EUR\"}.");
        }
        BigDecimal amount = request.amount();
        if (amount.signum() <= 0) {
            throw new InvalidRequestException("amount", "The amount must be positive, was " + amount.toPlainString()
                    + ". Send \"direction\": \"DEBIT\" to take money out.");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidRequestException("amount", "The amount has more than two decimals: " + amount.toPlainString() + ".");
        }
        if (amount.precision() - amount.scale() > 15) {
            throw new InvalidRequestException("amount", "The amount is too large: " + amount.toPlainString() + ".");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String validIdempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new InvalidRequestException("Idempotency-Key", "An Idempotency-Key must have 1 to "
                    + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, e.g. a UUID the client generates per payment.");
        }
        return key;
    }

    private static TransactionStatus status(String status) {
        for (TransactionStatus candidate : TransactionStatus.values()) {
            if (candidate.name().equalsIgnoreCase(status)) {
                return candidate;
            }
        }
        throw new InvalidRequestException("status", "Unknown status '" + status + "'. Use BOOKED or FAILED.");
    }

    private static BigDecimal convert(BigDecimal amount, Currency from, Currency to) {
        if (from.code().equals(to.code())) {
            return amount;
        }
        return amount.multiply(from.rateToEur()).divide(to.rateToEur(), 2, RoundingMode.HALF_EVEN);
    }
}
