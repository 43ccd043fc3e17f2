package dev.limitless.sample.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Lambda handler as the Lambda runtime drives it: one instance per execution environment, many invocations. */
class LedgerLambdaHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LedgerLambdaHandler handler;
    static TestDatabase database;

    @BeforeAll
    static void coldStart() {
        // The handler reads its settings from the process, as on AWS: the database is given by URL.
        database = PostgresServers.shared().createDatabase("ledger_lambda", 16);
        Map<String, String> environment = Map.of(
                // What the Lambda runtime sets, and by which the starter applies its Lambda pool defaults.
                "AWS_LAMBDA_FUNCTION_NAME", "ledger-test",
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                // On AWS, MigrationHandler migrates once per deployment. This environment's fresh database needs the
                // schema now: Flyway migrates over connections of its own and leaves the one-connection pool alone.
                "spring.flyway.enabled", "true",
                "spring.flyway.url", "${spring.datasource.url}",
                "spring.flyway.user", "${spring.datasource.username}",
                "spring.flyway.password", "${spring.datasource.password}");
        environment.forEach(System::setProperty);
        try {
            handler = new LedgerLambdaHandler();
        } finally {
            environment.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void manyInvocationsShareOneDatabaseConnection() throws SQLException {
        List<Integer> before = lambdaBackends();

        for (int i = 0; i < 50; i++) {
            String accountId = created(invoke("POST", "/accounts", "{\"owner\": \"Ada\", \"currency\": \"EUR\"}")).get("accountId").asString();
            assertThat(invoke("POST", "/accounts/" + accountId + "/transactions", "{\"amount\": \"1.00\", \"currency\": \"GBP\"}").getStatusCode()).isEqualTo(201);
            assertThat(invoke("GET", "/accounts/" + accountId, null).getStatusCode()).isEqualTo(200);
            assertThat(invoke("GET", "/accounts/" + accountId + "/transactions", null).getStatusCode()).isEqualTo(200);
        }

        assertThat(before).hasSize(1);
        assertThat(lambdaBackends()).isEqualTo(before);
    }

    @Test
    void answersTheRestApiUseCases() {
        JsonNode account = created(invoke("POST", "/accounts", "{\"owner\": \"Grace\", \"currency\": \"USD\"}"));
        String path = "/accounts/" + account.get("accountId").asString();

        APIGatewayV2HTTPResponse first = invoke("POST", path + "/transactions", "{\"amount\": \"12.50\", \"currency\": \"EUR\"}",
                Map.of("idempotency-key", "k-1"), Map.of());
        APIGatewayV2HTTPResponse again = invoke("POST", path + "/transactions", "{\"amount\": \"12.50\", \"currency\": \"EUR\"}",
                Map.of("idempotency-key", "k-1"), Map.of());
        APIGatewayV2HTTPResponse debit = invoke("POST", path + "/transactions",
                "{\"amount\": \"500\", \"currency\": \"USD\", \"direction\": \"DEBIT\"}");

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(JSON.readTree(again.getBody())).isEqualTo(JSON.readTree(first.getBody()));
        assertThat(JSON.readTree(debit.getBody()).get("status").asString()).isEqualTo("FAILED");
        // 12.50 EUR = 12.50 / 0.92 USD
        assertThat(json(invoke("GET", path, null)).get("balance").asString()).isEqualTo("13.59");
        JsonNode lines = json(invoke("GET", path + "/transactions", null, Map.of(), Map.of("limit", "1")));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(json(invoke("GET", "/reports/failed-transactions", null)).get("failedTransactions").asLong()).isPositive();
    }

    @Test
    void answersTheNaiveSearchWithTheGuardsRefusal() {
        APIGatewayV2HTTPResponse search = invoke("GET", "/transactions/search", null, Map.of(), Map.of("status", "FAILED"));

        assertThat(search.getStatusCode()).isEqualTo(500);
        assertThat(search.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JSON.readTree(search.getBody());
        assertThat(problem.get("type").asString()).isEqualTo("urn:limitless:sample:problem:statement-refused");
        assertThat(problem.get("route").asString()).isEqualTo("SCATTER");
        assertThat(problem.get("tables").get(0).asString()).isEqualTo("public.transactions");
        assertThat(problem.get("statementId").asString()).matches("stmt-[0-9a-f]{16}");
        assertThat(problem.get("detail").asString()).startsWith("A SCATTER statement on public.transactions was refused");
        assertThat(search.getBody()).doesNotContainIgnoringCase("select").doesNotContain("FAILED");
    }

    @Test
    void answersValidationErrorsWithTheSameProblemDocumentsAsTheRestApi() {
        String path = "/accounts/" + created(invoke("POST", "/accounts", "{\"owner\": \"Ada\", \"currency\": \"EUR\"}")).get("accountId").asString();

        assertProblem(invoke("GET", "/accounts/not-a-uuid", null), 400, "accountId");
        assertProblem(invoke("POST", path + "/transactions", "{\"amount\": \"-1\", \"currency\": \"EUR\"}"), 400, "amount");
        assertProblem(invoke("POST", path + "/transactions", "{\"amount\": \"1\", \"currency\": \"XXX\"}"), 400, "currency");
        assertProblem(invoke("POST", path + "/transactions", "{\"amount\": "), 400, "body");
        assertProblem(invoke("GET", path + "/transactions", null, Map.of(), Map.of("limit", "many")), 400, "limit");
        assertProblem(invoke("GET", "/accounts/00000000-0000-0000-0000-000000000000", null), 404, null);
        assertProblem(invoke("DELETE", path, null), 404, null);
    }

    @Test
    void aConnectionTheDatabaseClosedBetweenInvocationsIsReplacedWithoutFailingTheNextOne() throws SQLException {
        assertThat(invoke("GET", "/accounts/" + java.util.UUID.randomUUID(), null).getStatusCode()).isEqualTo(404);
        List<Integer> before = lambdaBackends();
        assertThat(before).hasSize(1);
        terminate(before.get(0));

        // opening an account is not idempotent, so no retry would save it: the check before the invocation does
        created(invoke("POST", "/accounts", "{\"owner\": \"Grace\", \"currency\": \"EUR\"}"));
        List<Integer> after = lambdaBackends();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    private static void terminate(int pid) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    private static List<Integer> lambdaBackends() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'ledger-lambda' ORDER BY pid")) {
            List<Integer> pids = new ArrayList<>();
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
            return pids;
        }
    }

    private static APIGatewayV2HTTPResponse invoke(String method, String path, String body) {
        return invoke(method, path, body, Map.of(), Map.of());
    }

    private static APIGatewayV2HTTPResponse invoke(String method, String path, String body, Map<String, String> headers,
            Map<String, String> query) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
        return handler.handleRequest(event, null);
    }

    private static JsonNode created(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String field) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
    }
}
