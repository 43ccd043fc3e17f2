package dev.limitless.sample.api;

import dev.limitless.catalog.TableName;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.sample.ledger.InvalidRequestException;
import dev.limitless.sample.ledger.UnknownAccountException;
import dev.limitless.sample.ledger.UnknownCurrencyException;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Turns the ledger's exceptions, and the shard-scope guard's refusals, into RFC 9457 problem documents. The REST controllers (through
 * {@link LedgerExceptionHandler}) and the Lambda handler answer with the same documents because both ask here.
 */
public final class LedgerProblems {

    /** Problem type of a request the ledger does not accept. */
    public static final URI INVALID_REQUEST = URI.create("urn:limitless:sample:problem:invalid-request");
    /** Problem type of a statement the shard-scope guard refused: a defect of the endpoint, not of the request. */
    public static final URI STATEMENT_REFUSED = URI.create("urn:limitless:sample:problem:statement-refused");
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
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, refusal.getMessage());
            problem.setType(STATEMENT_REFUSED);
            problem.setTitle("Statement refused by the shard-scope guard");
            problem.setProperty("route", refusal.verdict().route().name());
            problem.setProperty("tables", refusal.verdict().tables().stream().map(TableName::toString).toList());
            return Optional.of(problem);
        }
        return Optional.empty();
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
