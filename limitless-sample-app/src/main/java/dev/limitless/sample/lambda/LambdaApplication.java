package dev.limitless.sample.lambda;

import dev.limitless.sample.LedgerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the ledger's Spring context without a web server, with the {@code lambda} profile. In Lambda, the limitless
 * starter gives the pool one connection and opens it while the execution environment initialises.
 */
final class LambdaApplication {

    static final String PROFILE = "lambda";

    private LambdaApplication() {
    }

    /** @param arguments command-line style arguments ({@code --name=value}), which override the environment */
    static ConfigurableApplicationContext start(String... arguments) {
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles(PROFILE);
        return application.run(arguments);
    }
}
