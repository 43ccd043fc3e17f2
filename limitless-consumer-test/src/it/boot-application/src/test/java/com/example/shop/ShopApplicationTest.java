package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.guard.GuardRefusalException;
import dev.limitless.test.boot.LimitlessTestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@Import(LimitlessTestDatabase.class)
class ShopApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSingleShardStatementRuns() {
        UUID customer = UUID.randomUUID();
        jdbc.sql("INSERT INTO orders (customer_id, item) VALUES (?, ?)").params(customer, "book").update();
        assertThat(jdbc.sql("SELECT item FROM orders WHERE customer_id = ?").param(customer).query(String.class).single())
                .isEqualTo("book");
    }

    @Test
    void aScatterIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("SELECT item FROM orders").query(String.class).list())
                .isInstanceOf(GuardRefusalException.class)
                .hasMessageContaining("public.orders");
    }

    @Test
    void theEmbeddedDatabaseIsPostgreSql16() {
        int version = jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single();
        assertThat(version / 10000).isEqualTo(16);
    }
}
