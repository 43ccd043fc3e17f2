package dev.limitless.sample.api;

import dev.limitless.sample.ledger.InvalidRequestException;
import dev.limitless.sample.ledger.UnknownAccountException;
import dev.limitless.sample.ledger.UnknownCurrencyException;
import java.util.UUID;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
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
 * variable that is not a UUID, a missing parameter) through {@link ResponseEntityExceptionHandler}, the ledger's
 * through {@link LedgerProblems}.
 */
@RestControllerAdvice
class LedgerExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler({InvalidRequestException.class, UnknownCurrencyException.class, UnknownAccountException.class})
    ResponseEntity<ProblemDetail> ledgerProblem(RuntimeException failure) {
        ProblemDetail problem = LedgerProblems.of(failure).orElseThrow(() -> failure);
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
