package dev.limitless.sample.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tenant-scoped path through real HTTP: key-less repository and JdbcClient statements, scoped by a header's
 * ShardKeyResolver or by {@code @ShardScoped} over a path variable, read one account, run single-shard, and leave no key
 * on pooled connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantScopedPathTest {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\"accountId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void keyLessStatementsReadOnlyTheHeadersAccountOnOneShard() throws Exception {
        String ada = openAccount("Ada");
        String bob = openAccount("Bob");
        book(ada, "10.00");
        book(ada, "2.50");
        book(bob, "99.00");
        double scatterBefore = statements("scatter");
        double singleBefore = statements("single_shard");

        HttpResponse<String> summary = get("/tenant/summary", "X-Account-Id", ada);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(summary.body()).contains("\"accountId\":\"" + ada + "\"").contains("\"balance\":\"12.50\"")
                .contains("\"transactions\":2").contains("\"total\":\"12.50\"").doesNotContain(bob).doesNotContain("99.00");

        HttpResponse<String> byPath = get("/tenant/accounts/" + bob + "/summary");
        assertThat(byPath.statusCode()).as(byPath.body()).isEqualTo(200);
        assertThat(byPath.body()).contains("\"accountId\":\"" + bob + "\"").contains("\"total\":\"99.00\"").doesNotContain(ada);

        assertThat(statements("scatter")).as("nothing scattered").isEqualTo(scatterBefore);
        assertThat(statements("single_shard") - singleBefore).as("two statements per request").isEqualTo(4);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(jdbc.sql("SELECT coalesce(current_setting('rds_aurora.limitless_active_shard_key', true), '')")
                    .query(String.class).single());
        }
        assertThat(keys).as("no key left on pooled connections").containsOnly("");
    }

    @Test
    void withoutAValidKeyTheScopedPathAnswers400() throws Exception {
        assertThat(get("/tenant/summary").statusCode()).isEqualTo(400);
        HttpResponse<String> hostile = get("/tenant/summary", "X-Account-Id", "'); DROP TABLE accounts; --");
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(hostile.body()).doesNotContain("DROP TABLE");
        assertThat(jdbc.sql("SELECT count(*) FROM rds_aurora.limitless_tables WHERE table_name = 'accounts'")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(get("/tenant/summary", "X-Account-Id", "00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    }

    private double statements(String route) {
        return Search.in(meters).name("limitless.statement").tag("route", route).timers().stream()
                .mapToDouble(timer -> timer.count()).sum();
    }

    private String openAccount(String owner) throws Exception {
        HttpResponse<String> opened = post("/accounts", "{\"owner\": \"" + owner + "\", \"currency\": \"EUR\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        Matcher id = ACCOUNT_ID.matcher(opened.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private void book(String account, String amount) throws Exception {
        HttpResponse<String> booked = post("/accounts/" + account + "/transactions",
                "{\"amount\": \"" + amount + "\", \"currency\": \"EUR\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
