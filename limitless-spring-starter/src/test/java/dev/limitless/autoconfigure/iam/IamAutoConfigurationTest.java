package dev.limitless.autoconfigure.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.iam.IamConfigurationException;
import dev.limitless.iam.IamDataSource;
import dev.limitless.iam.IamTokenCache;
import dev.limitless.test.ImpostorPostgres;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@LimitlessPostgres(shards = 0)
class IamAutoConfigurationTest {

    private static final String SIGNING_HOST = "ledger-proxy.proxy-c9akciq32abc.eu-west-1.rds.amazonaws.com";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IamAutoConfiguration.class, DataSourceAutoConfiguration.class))
            .withBean(IamTokenCache.class, () -> IamTokenCache.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-key")))
                    .build())
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.application.name=ledger");

    @Test
    void thePoolConnectsWithTheCachedTokenAsPassword() {
        JdbcTemplate admin = new JdbcTemplate(database.dataSource());
        admin.execute("DROP ROLE IF EXISTS starter_iam; CREATE ROLE starter_iam LOGIN PASSWORD 'not-the-token'");
        runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=starter_iam",
                        "limitless.iam.signing-host=" + SIGNING_HOST, "limitless.iam.tls.mode=unsafe-plaintext-loopback-only",
                        "spring.datasource.hikari.data-source-properties.currentSchema=iam_kept,public")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    IamDataSource iam = (IamDataSource) pool.getDataSource();
                    assertThat(iam.endpoint().region().id()).isEqualTo("eu-west-1");
                    assertThat(iam.endpoint().host()).isEqualTo(SIGNING_HOST);
                    assertThat(iam.proxySafeDriverDefaults()).isTrue();
                    String token = context.getBean(IamTokenCache.class).token(iam.endpoint());
                    admin.execute("ALTER ROLE starter_iam PASSWORD '" + token.replace("'", "''") + "'");
                    assertThat(new JdbcTemplate(pool).queryForObject("SELECT current_user", String.class)).isEqualTo("starter_iam");
                    assertThat(new JdbcTemplate(pool).queryForObject("SELECT current_setting('application_name')", String.class))
                            .isEqualTo("ledger");
                    // a driver property of the pool reaches the driver through the IAM data source
                    assertThat(new JdbcTemplate(pool).queryForObject("SELECT current_setting('search_path')", String.class))
                            .isEqualTo("iam_kept,public");
                });
    }

    @Test
    void aStoredPasswordNextToIamStopsStartUpWithTheFix() {
        runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=app", "spring.datasource.password=secret",
                "limitless.iam.signing-host=" + SIGNING_HOST).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new IamFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("spring.datasource.password is also set");
                    assertThat(analysis.getAction()).contains("limitless.iam");
                });
    }

    @Test
    void plaintextIsRefusedUnlessExplicitlyAllowedOnLoopback() {
        runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=app",
                "limitless.iam.signing-host=" + SIGNING_HOST, "spring.datasource.url=" + database.jdbcUrl() + "?sslmode=disable")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(cause(context.getStartupFailure())).hasMessageContaining("sslmode");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"?sslmode=require", "?sslmode=verify-ca", "?sslfactory=org.postgresql.ssl.NonValidatingFactory",
            "?sslhostnameverifier=org.postgresql.ssl.PGjdbcHostnameVerifier", "?sslrootcert=impostor.pem", "?ssl=false"})
    void aUrlParameterThatWeakensTlsStopsStartUpBeforeAnyTokenLeaves(String parameter) throws Exception {
        try (ImpostorPostgres impostor = new ImpostorPostgres()) {
            runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=app",
                    "limitless.iam.signing-host=" + SIGNING_HOST, "spring.datasource.hikari.initialization-fail-timeout=1",
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + impostor.port() + "/postgres_limitless" + parameter)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        String name = parameter.substring(1, parameter.indexOf('='));
                        assertThat(cause(context.getStartupFailure())).hasMessageContaining("The JDBC URL sets '" + name);
                        FailureAnalysis analysis = new IamFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription()).contains(name);
                    });
            assertThat(impostor.connections()).isZero();
            assertThat(impostor.received()).doesNotContain("X-Amz");
        }
    }

    @Test
    void aPoolDriverPropertyThatWeakensTlsStopsStartUpBeforeAnyTokenLeaves() throws Exception {
        try (ImpostorPostgres impostor = new ImpostorPostgres()) {
            runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=app",
                    "limitless.iam.signing-host=" + SIGNING_HOST,
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + impostor.port() + "/postgres_limitless",
                    "spring.datasource.hikari.data-source-properties.sslmode=require")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(cause(context.getStartupFailure()))
                                .hasMessageContaining("The driver property sets 'sslmode=require'")
                                .hasMessageContaining("limitless.iam.tls.mode");
                    });
            assertThat(impostor.connections()).isZero();
        }
    }

    @Test
    void requireSendsTheTokenToAnImpostorAsDocumented() throws Exception {
        try (ImpostorPostgres impostor = new ImpostorPostgres()) {
            runner.withPropertyValues("limitless.iam.enabled=true", "spring.datasource.username=app",
                    "limitless.iam.signing-host=" + SIGNING_HOST, "limitless.iam.tls.mode=require",
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + impostor.port() + "/postgres_limitless")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        HikariDataSource pool = context.getBean(HikariDataSource.class);
                        assertThatThrownBy(pool::getConnection).isInstanceOf(java.sql.SQLException.class);
                    });
            assertThat(impostor.handshakes()).isPositive();
            assertThat(impostor.received()).contains("X-Amz-Signature=");
        }
    }

    @Test
    void wrapperModeFollowsAnExplicitTopologyWhateverTheEndpointName() {
        String cluster = "ledger.cluster-c9akciq32abc.eu-west-1.rds.amazonaws.com";
        runner.withPropertyValues("limitless.iam.enabled=true", "limitless.iam.mode=aws-wrapper",
                "spring.datasource.username=app", "limitless.topology=limitless",
                "spring.datasource.url=jdbc:postgresql://" + cluster + ":5432/ledger")
                .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
                        .containsEntry("wrapperPlugins", "limitless,iam"));
        runner.withPropertyValues("limitless.iam.enabled=true", "limitless.iam.mode=aws-wrapper",
                "spring.datasource.username=app", "limitless.topology=proxy",
                "spring.datasource.url=jdbc:postgresql://ledger.shardgrp-c9akciq32abc.eu-west-1.rds.amazonaws.com:5432/postgres_limitless")
                .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
                        .containsEntry("wrapperPlugins", "iam"));
    }

    @Test
    void wrapperModeKeepsTheUrlParametersAndUsesTheLimitlessPluginOnAClusterEndpoint() {
        String cluster = "ledger.cluster-c9akciq32abc.eu-west-1.rds.amazonaws.com";
        runner.withPropertyValues("limitless.iam.enabled=true", "limitless.iam.mode=aws-wrapper",
                "spring.datasource.username=app", "spring.datasource.hikari.data-source-properties.connectTimeout=7",
                "spring.datasource.url=jdbc:postgresql://" + cluster + ":5432/postgres_limitless?currentSchema=ledger")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    assertThat(pool.getJdbcUrl())
                            .isEqualTo("jdbc:aws-wrapper:postgresql://" + cluster + ":5432/postgres_limitless?currentSchema=ledger");
                    assertThat(pool.getDriverClassName()).isEqualTo("software.amazon.jdbc.Driver");
                    assertThat(pool.getDataSourceProperties())
                            .containsEntry("wrapperPlugins", "limitless,iam")
                            .containsEntry("iamHost", cluster)
                            .containsEntry("iamRegion", "eu-west-1")
                            .containsEntry("sslmode", "verify-full")
                            .containsEntry("connectTimeout", "7");
                });
    }

    @Test
    void wrapperModeRefusesByNameWhatItOwnsOrWhatWeakensTls() {
        for (String parameter : new String[] {"wrapperPlugins=iam", "sslmode=require", "iamHost=elsewhere.example.com"}) {
            runner.withPropertyValues("limitless.iam.enabled=true", "limitless.iam.mode=aws-wrapper",
                    "spring.datasource.username=app", "spring.datasource.url=jdbc:postgresql://"
                            + SIGNING_HOST + ":5432/ledger?" + parameter)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(cause(context.getStartupFailure()))
                                .hasMessageContaining("The JDBC URL sets '" + parameter.substring(0, parameter.indexOf('=')));
                    });
        }
    }

    @Test
    void wrapperModeWithoutTheWrapperSaysWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader("software.amazon.jdbc")).withPropertyValues("limitless.iam.enabled=true", "limitless.iam.mode=aws-wrapper", "spring.datasource.username=app",
                "limitless.iam.signing-host=" + SIGNING_HOST).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(cause(context.getStartupFailure())).hasMessageContaining("software.amazon.jdbc:aws-advanced-jdbc-wrapper");
                });
    }

    @Test
    void backsOffWhenIamIsNotEnabled() {
        runner.withPropertyValues("spring.datasource.username=" + database.username()).run(context -> {
            assertThat(context).doesNotHaveBean("limitlessIamDataSourcePostProcessor");
            assertThat(context.getBean(HikariDataSource.class).getDataSource()).isNull();
        });
    }

    private static IamConfigurationException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IamConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no IamConfigurationException in " + failure);
    }
}
