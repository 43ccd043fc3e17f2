package dev.limitless.sample.lambda;

import dev.limitless.sample.LedgerApplication;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Starts the ledger's Spring context without a web server, with the {@code lambda} profile. */
final class LambdaApplication {

    static final String PROFILE = "lambda";

    private LambdaApplication() {
    }

    /**
     * Starts the context and opens the pool's connection, so that the init phase (not the first request) pays for
     * both.
     *
     * @param arguments command-line style arguments ({@code --name=value}), which override the environment
     */
    static ConfigurableApplicationContext start(String... arguments) {
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles(PROFILE);
        ConfigurableApplicationContext context = application.run(arguments);
        try (Connection ignored = context.getBean(DataSource.class).getConnection()) {
            return context;
        } catch (SQLException e) {
            context.close();
            throw new CannotGetJdbcConnectionException("The ledger could not connect to its database during init", e);
        }
    }
}
