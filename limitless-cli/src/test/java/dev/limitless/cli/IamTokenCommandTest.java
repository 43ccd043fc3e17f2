package dev.limitless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code limitless iam-token} with made-up credentials from the default chain (system properties here). */
class IamTokenCommandTest {

    private static final Map<String, String> CREDENTIALS = Map.of(
            "aws.accessKeyId", "AKIDLIMITLESSCLI01",
            "aws.secretAccessKey", "cliSecretKeyThatMustNeverBePrinted0000000",
            "aws.sessionToken", "cliSessionToken/Example==",
            // no instance metadata lookups from a test
            "aws.disableEc2Metadata", "true");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setCredentials() {
        CREDENTIALS.forEach(System::setProperty);
    }

    @AfterEach
    void clearCredentials() {
        CREDENTIALS.keySet().forEach(System::clearProperty);
    }

    private int run(String... args) {
        CommandLine commandLine = LimitlessCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void printsATokenForAnRdsEndpointWithTheRegionFromItsName() {
        int exit = run("iam-token", "--host", "ledger.shardgrp-c9akciq32abc.eu-west-1.rds.amazonaws.com",
                "--port", "5432", "--user", "ledger_app");

        assertThat(exit).isZero();
        String token = out.toString().strip();
        assertThat(token).startsWith("ledger.shardgrp-c9akciq32abc.eu-west-1.rds.amazonaws.com:5432/?")
                .contains("Action=connect", "DBUser=ledger_app", "X-Amz-Expires=900",
                        "X-Amz-Credential=AKIDLIMITLESSCLI01%2F", "%2Feu-west-1%2Frds-db%2Faws4_request",
                        "X-Amz-Security-Token=cliSessionToken%2FExample%3D%3D", "X-Amz-Signature=")
                .doesNotContain("cliSecretKeyThatMustNeverBePrinted");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anExplicitRegionSignsACustomHost() {
        int exit = run("iam-token", "--host", "db.example.com", "--user", "app", "--region", "ap-south-1");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("db.example.com:5432/?").contains("%2Fap-south-1%2Frds-db%2F");
    }

    @Test
    void explainsAMissingRegionForACustomHost() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "a region in the environment would be used");

        int exit = run("iam-token", "--host", "db.example.com", "--user", "app");

        assertThat(exit).isEqualTo(LimitlessCommand.EXIT_USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("limitless iam-token: Could not determine the AWS region")
                .contains("--region");
    }

    @Test
    void requiresHostAndUser() {
        assertThat(run("iam-token", "--host", "db.example.com")).isEqualTo(LimitlessCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--user");
    }
}
