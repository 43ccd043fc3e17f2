package dev.limitless.sample.api;

import dev.limitless.catalog.TableName;
import dev.limitless.failure.SqlFailure;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.sample.ledger.InvalidRequestException;
import dev.limitless.sample.ledger.UnknownAccountException;
import dev.limitless.sample.ledger.UnknownCurrencyException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Turns the ledger's exceptions, and the shard-scope guard's refusals, into RFC 9457 problem documents. The REST controllers (through
 * {@link LedgerExceptionHandler}) and the Lambda handler answer with the same documents because both ask here.
 */
public final class LedgerProblems {

    private static final Logger log = LoggerFactory.getLogger(LedgerProblems.class);

    /** Problem type of a request the ledger does not accept. */
    public static final URI INVALID_REQUEST = URI.create("urn:limitless:sample:problem:invalid-request");
    /** Problem type of a statement the shard-scope guard refused: a defect of the endpoint, not of the request. */
    public static final URI STATEMENT_REFUSED = URI.create("urn:limitless:sample:problem:statement-refused");
    /** Problem type of a transient database failure the retry did not absorb: send the same request again. */
    public static final URI TEMPORARILY_UNAVAILABLE = URI.create("urn:limitless:sample:problem:temporarily-unavailable");
    /** Problem type of an account id that names no account. */
    public static final URI UNKNOWN_ACCOUNT = URI.create("urn:limitless:sample:problem:unknown-account");

    private LedgerProblems() {
    }

    /** The problem document for {@code failure}, or empty when it is not one the ledger answers for. */
    public static Optional<ProblemDetail> of(Throwable failure) {
        if (failure instanceof InvalidRequestException invalid) {
            return Optional.of(invalid(invalid.field(), invalid.getMessage()));
        }
        if (failure instanceof UnknownCurrencyException unknown) {
            return Optional.of(invalid("currency", unknown.getMessage()));
        }
        if (failure instanceof UnknownAccountException unknown) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage());
            problem.setType(UNKNOWN_ACCOUNT);
            problem.setTitle("Unknown account");
            problem.setProperty("accountId", unknown.accountId().toString());
            return Optional.of(problem);
        }
        ShardScopeException refusal = refusal(failure);
        if (refusal != null) {
            // The guard's message quotes the statement, which may carry the request's values: it goes to the log under
            // an id, and the HTTP client gets the route, the tables and that id only.
            String statementId = statementId(refusal.verdict().analysis().sql());
            log.warn("Refused statement {}: {}", statementId, refusal.getMessage());
            String route = refusal.verdict().route().name();
            List<String> tables = refusal.verdict().tables().stream().map(TableName::toString).toList();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "A " + route
                    + " statement on " + String.join(", ", tables) + " was refused by the shard-scope guard: a defect"
                    + " of this endpoint. The application log explains it under statement " + statementId + ".");
            problem.setType(STATEMENT_REFUSED);
            problem.setTitle("Statement refused by the shard-scope guard");
            problem.setProperty("route", route);
            problem.setProperty("tables", tables);
            problem.setProperty("statementId", statementId);
            return Optional.of(problem);
        }
        SqlFailure database = SqlFailure.of(failure);
        if (database.isTransient()) {
            // Retries (of a request with an Idempotency-Key) are spent, or the request had no key and was not retried.
            log.warn("Transient database failure not absorbed by retries: {} (SQLState {})", database.cause().tag(),
                    database.sqlState());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The ledger's"
                    + " database was briefly unavailable. Send the same request again with the same Idempotency-Key;"
                    + " a request without one may or may not have been applied: check the account's transactions first.");
            problem.setType(TEMPORARILY_UNAVAILABLE);
            problem.setTitle("Temporarily unavailable");
            problem.setProperty("cause", database.cause().tag());
            return Optional.of(problem);
        }
        return Optional.empty();
    }

    /** A short, stable id of the statement text (one-way), to find the refusal in the log. */
    static String statementId(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return "stmt-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The guard's refusal behind {@code failure} (Spring wraps it in a {@code DataAccessException}), or null. */
    static ShardScopeException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShardScopeException refusal) {
                return refusal;
            }
        }
        return null;
    }

    /** A 400 problem about one field or parameter of the request. */
    public static ProblemDetail invalid(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        return problem;
    }
}
