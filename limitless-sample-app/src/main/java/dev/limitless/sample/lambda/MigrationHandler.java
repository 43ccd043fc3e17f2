package dev.limitless.sample.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the ledger's Flyway migrations once, as a deployment step ({@code aws lambda invoke} after
 * {@code sam deploy}), so that the request handler's cold starts never migrate. Handler string:
 * {@code dev.limitless.sample.lambda.MigrationHandler::handleRequest}. Returns the schema version reached. With
 * {@code limitless.ddl.mode=validate} (the template sets it for Limitless), it then compares the live Limitless
 * catalog with the annotated entities and fails on any difference.
 *
 * <p>On Aurora Limitless (and the local emulation) Flyway runs with limitless-core's Flyway database type, found
 * through Flyway's plugin SPI: the routers refuse Flyway's advisory lock, so it locks with {@code SELECT ... FOR
 * UPDATE} on the row of {@code flyway_schema_history_lock}, and two invocations at once run the migrations once
 * (docs/ddl.md). The lock's transaction holds a second connection while the migrations run, hence a pool of two.
 */
public final class MigrationHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        try (ConfigurableApplicationContext application = LambdaApplication.start(
                "--spring.flyway.enabled=true", "--spring.datasource.hikari.maximum-pool-size=2")) {
            var current = application.getBean(Flyway.class).info().current();
            return current == null ? "no migrations" : "schema version " + current.getVersion();
        }
    }
}
