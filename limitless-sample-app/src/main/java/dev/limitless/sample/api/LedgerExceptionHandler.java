package dev.limitless.sample.api;

import dev.limitless.sample.ledger.InvalidRequestException;
import dev.limitless.sample.ledger.UnknownAccountException;
import dev.limitless.sample.ledger.UnknownCurrencyException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failure of the REST API with an RFC 9457 problem document: Spring MVC's own (malformed JSON, a path
 * variable that is not a UUID, a missing parameter) through {@link ResponseEntityExceptionHandler}, the ledger's and
 * the shard-scope guard's through {@link LedgerProblems}.
 */
@RestControllerAdvice
class LedgerExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerExceptionHandler.class);

    @ExceptionHandler({InvalidRequestException.class, UnknownCurrencyException.class, UnknownAccountException.class})
    ResponseEntity<ProblemDetail> ledgerProblem(RuntimeException failure) {
        ProblemDetail problem = LedgerProblems.of(failure).orElseThrow(() -> failure);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A statement the shard-scope guard refused (a defect of this endpoint) answers with its route, tables and
     * statement id (the explanation is logged); a transient failure the retry did not absorb with a 503 and
     * Retry-After; any other database failure with a 500 that points at the log.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> dataAccessFailure(DataAccessException failure) {
        ProblemDetail problem = LedgerProblems.of(failure).orElse(null);
        if (problem == null) {
            log.error("Database failure", failure);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The ledger failed to answer; the application log has the details.");
        }
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = failure.getPropertyName();
        String expected = failure.getRequiredType() == UUID.class ? "a UUID" : "a whole number";
        ProblemDetail problem = LedgerProblems.invalid(field, "'" + failure.getValue() + "' is not a valid " + field
                + " (" + expected + ").");
        return handleExceptionInternal(failure, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own detail ("Failed to read request") does not say what to send instead.
        ProblemDetail problem = LedgerProblems.invalid("body", "The request body is not the JSON this endpoint reads,"
                + " e.g. {\"owner\": \"Ada\", \"currency\": \"EUR\"} for POST /accounts or"
                + " {\"amount\": \"12.50\", \"currency\": \"EUR\"} for POST /accounts/{accountId}/transactions.");
        return handleExceptionInternal(failure, problem, headers, status, request);
    }
}
