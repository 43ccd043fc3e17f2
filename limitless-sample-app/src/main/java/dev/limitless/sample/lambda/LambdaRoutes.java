package dev.limitless.sample.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.limitless.sample.api.LedgerProblems;
import dev.limitless.sample.booking.BookingQueue;
import dev.limitless.sample.booking.BookingQueueUnavailableException;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.NewAccount;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sample.ledger.RecordedTransaction;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes API Gateway HTTP API events to the same {@link Ledger} use cases as the REST controllers, and answers with
 * the same JSON bodies and problem documents.
 */
final class LambdaRoutes {

    private static final Logger log = LoggerFactory.getLogger(LambdaRoutes.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Ledger ledger;
    private final JsonMapper json;
    private final BookingQueue bookings;

    LambdaRoutes(Ledger ledger, JsonMapper json, BookingQueue bookings) {
        this.ledger = ledger;
        this.json = json;
        this.bookings = bookings;
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        try {
            return route(method, path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path, event);
        } catch (RuntimeException failure) {
            return problem(failure, method, path);
        }
    }

    private APIGatewayV2HTTPResponse route(String method, String path, APIGatewayV2HTTPEvent event) {
        String[] segments = path.substring(1).split("/", -1);
        if (segments[0].equals("accounts")) {
            if (segments.length == 1 && method.equals("POST")) {
                var account = ledger.openAccount(body(event, NewAccount.class));
                return reply(201, account, Map.of("Location", "/accounts/" + account.accountId()));
            }
            if (segments.length == 2 && method.equals("GET")) {
                return reply(200, ledger.account(uuid(segments[1])), Map.of());
            }
            if (segments.length == 3 && segments[2].equals("transactions")) {
                UUID accountId = uuid(segments[1]);
                if (method.equals("POST") && respondAsync(header(event, "prefer"))) {
                    return queued(accountId, body(event, NewTransaction.class), header(event, "idempotency-key"));
                }
                if (method.equals("POST")) {
                    RecordedTransaction recorded = ledger.record(accountId, body(event, NewTransaction.class),
                            header(event, "idempotency-key"));
                    return reply(recorded.replayed() ? 200 : 201, recorded.transaction(),
                            Map.of("Idempotent-Replayed", Boolean.toString(recorded.replayed())));
                }
                if (method.equals("GET")) {
                    return reply(200, ledger.recentTransactions(accountId, limit(event)), Map.of());
                }
            }
        }
        if (segments[0].equals("accounts") && segments.length == 4 && segments[2].equals("transaction-requests")
                && method.equals("GET")) {
            UUID accountId = uuid(segments[1]);
            String requestKey = URLDecoder.decode(segments[3], StandardCharsets.UTF_8);
            return bookings.find(accountId, requestKey).map(transaction -> reply(200, transaction, Map.of()))
                    .orElseGet(() -> reply(202, queuedStatus(accountId, requestKey), Map.of("Retry-After", "1")));
        }
        if (method.equals("GET") && path.equals("/reports/failed-transactions")) {
            return reply(200, ledger.failedTransactions(), Map.of());
        }
        if (method.equals("GET") && path.equals("/transactions/search")) {
            return reply(200, ledger.searchByStatus(query(event, "status")), Map.of());
        }
        ProblemDetail notFound = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No endpoint " + method + " " + path + ".");
        return problem(notFound, path);
    }

    /** {@code Prefer: respond-async}: queued for the booking queue's function, 202 with the Location to poll. */
    private APIGatewayV2HTTPResponse queued(UUID accountId, NewTransaction request, String idempotencyKey) {
        String requestKey;
        try {
            requestKey = bookings.submit(accountId, request, idempotencyKey);
        } catch (BookingQueueUnavailableException | SdkException e) {
            log.warn("Asynchronous booking refused: {}", e.getClass().getName());
            return problem(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    e instanceof BookingQueueUnavailableException ? e.getMessage()
                            : "The booking queue did not take the request; retry with the same Idempotency-Key."),
                    "/accounts/" + accountId + "/transactions");
        }
        String location = "/accounts/" + accountId + "/transaction-requests/"
                + URLEncoder.encode(requestKey, StandardCharsets.UTF_8).replace("+", "%20");
        return reply(202, queuedStatus(accountId, requestKey),
                Map.of("Location", location, "Preference-Applied", "respond-async"));
    }

    private static Map<String, Object> queuedStatus(UUID accountId, String requestKey) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("accountId", accountId);
        status.put("requestKey", requestKey);
        status.put("status", "QUEUED");
        status.put("transaction", null);
        return status;
    }

    private static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            if (preference.split(";", 2)[0].strip().equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }

    private <T> T body(APIGatewayV2HTTPEvent event, Class<T> type) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new BadRequest("body", "This endpoint reads a JSON body; the request had none.");
        }
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new BadRequest("body", "The request body is not the JSON this endpoint reads: " + e.getOriginalMessage());
        }
    }

    private static UUID uuid(String segment) {
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("accountId", "'" + segment + "' is not an account id (a UUID).");
        }
    }

    private static int limit(APIGatewayV2HTTPEvent event) {
        String limit = query(event, "limit");
        if (limit == null) {
            return 20;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new BadRequest("limit", "limit must be a number between 1 and " + Ledger.MAX_LIMIT + ", was '" + limit + "'.");
        }
    }

    private static String query(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    private static String header(APIGatewayV2HTTPEvent event, String lowerCaseName) {
        // HTTP APIs deliver header names in lower case.
        Map<String, String> headers = event.getHeaders();
        return headers == null ? null : headers.get(lowerCaseName);
    }

    private APIGatewayV2HTTPResponse reply(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", JSON);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all)
                .withBody(json.writeValueAsString(body)).build();
    }

    private APIGatewayV2HTTPResponse problem(RuntimeException failure, String method, String path) {
        if (failure instanceof BadRequest bad) {
            return problem(LedgerProblems.invalid(bad.field, bad.getMessage()), path);
        }
        var known = LedgerProblems.of(failure);
        if (known.isPresent()) {
            return problem(known.get(), path); // a refusal is logged, with its statement, where it is mapped
        }
        log.error("{} {} failed", method, path, failure);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The ledger failed to answer; the function's log has the details."), path);
    }

    private APIGatewayV2HTTPResponse problem(ProblemDetail problem, String path) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        document.put("title", problem.getTitle() != null ? problem.getTitle()
                : HttpStatus.valueOf(problem.getStatus()).getReasonPhrase());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("instance", path);
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(problem.getStatus())
                .withHeaders(Map.of("Content-Type", PROBLEM_JSON))
                .withBody(json.writeValueAsString(document)).build();
    }

    /** A request the Lambda route cannot even hand to the ledger (what Spring MVC rejects before a controller). */
    private static final class BadRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
