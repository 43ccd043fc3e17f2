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
 * <p>Flyway on PostgreSQL holds a second connection for its lock while it migrates, hence a pool of two here.
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
