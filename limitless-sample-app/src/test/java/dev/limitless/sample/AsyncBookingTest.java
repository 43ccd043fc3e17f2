package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.limitless.sample.LedgerHttp.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The asynchronous booking path of a local run, over real HTTP: the embedded SQS-compatible server holds the queue,
 * the poller feeds the shard-grouped batch writer, the transaction becomes readable at the Location.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AsyncBookingTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    LedgerHttp http;
    String accountId;

    @BeforeEach
    void account() {
        http = new LedgerHttp(port);
        accountId = http.post("/accounts", "{\"owner\": \"Ada\", \"currency\": \"EUR\"}").json().get("accountId").asString();
    }

    @Test
    void respondAsyncAnswers202WithALocationThatShowsTheTransactionOnceBooked() {
        Reply accepted = http.post("/accounts/" + accountId + "/transactions",
                "{\"amount\": \"12.50\", \"currency\": \"EUR\"}", "Prefer", "respond-async");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.response().headers().firstValue("Preference-Applied")).hasValue("respond-async");
        String location = accepted.response().headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/accounts/" + accountId + "/transaction-requests/");
        assertThat(accepted.json().get("status").asString()).isEqualTo("QUEUED");

        Reply booked = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(location), reply -> reply.status() == 200);
        assertThat(booked.json().get("amount").asString()).isEqualTo("12.50");
        assertThat(booked.json().get("status").asString()).isEqualTo("BOOKED");
        assertThat(http.get("/accounts/" + accountId).json().get("balance").asString()).isEqualTo("12.50");
        assertThat(http.get("/accounts/" + accountId + "/transactions").json()).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyQueuedTwiceIsBookedOnce() {
        String body = "{\"amount\": \"3.00\", \"currency\": \"EUR\"}";
        double duplicatesBefore = duplicates();
        Reply first = http.post("/accounts/" + accountId + "/transactions", body, "Prefer", "respond-async, wait=1",
                "Idempotency-Key", "pay-7");
        Reply second = http.post("/accounts/" + accountId + "/transactions", body, "Prefer", "respond-async",
                "Idempotency-Key", "pay-7");
        String location = first.response().headers().firstValue("Location").orElseThrow();
        assertThat(second.response().headers().firstValue("Location")).hasValue(location);

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(location).status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> duplicates() > duplicatesBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM booking_messages WHERE account_id = ?::uuid").param(accountId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(http.get("/accounts/" + accountId + "/transactions").json()).hasSize(1);
        assertThat(http.get("/accounts/" + accountId).json().get("balance").asString()).isEqualTo("3.00");
    }

    @Test
    void aRequestTheLedgerWouldRefuseIsAnsweredAtOnceAndNotQueued() {
        Reply invalid = http.post("/accounts/" + accountId + "/transactions", "{\"amount\": \"-1\", \"currency\": \"EUR\"}",
                "Prefer", "respond-async");
        Reply unknown = http.post("/accounts/00000000-0000-0000-0000-000000000001/transactions",
                "{\"amount\": \"1\", \"currency\": \"EUR\"}", "Prefer", "respond-async");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void withoutRespondAsyncThePreferHeaderBooksSynchronously() {
        Reply created = http.post("/accounts/" + accountId + "/transactions", "{\"amount\": \"1.00\", \"currency\": \"EUR\"}",
                "Prefer", "return=representation");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("BOOKED");
    }

    @Test
    void aRequestStillQueuedAnswers202() {
        Reply pending = http.get("/accounts/" + accountId + "/transaction-requests/never-sent");

        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.json().get("status").asString()).isEqualTo("QUEUED");
    }

    private double duplicates() {
        return registry.get("limitless.sqs.messages").tag("outcome", "duplicate").counter().count();
    }
}
