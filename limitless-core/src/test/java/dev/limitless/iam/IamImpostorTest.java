package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.ImpostorPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * An impostor PostgreSQL with a self-signed certificate listens on loopback, as a man in the middle would. For every
 * URL parameter or driver property that could weaken TLS, the data source is refused when built and the impostor
 * receives no byte of a token; the first two tests prove the impostor does catch a token when TLS is not verified, so
 * the others could fail.
 */
class IamImpostorTest {

    private static final String SIGNING_HOST = "ledger.cluster-c9akciq32abc.us-east-1.rds.amazonaws.com";
    private static final String IMPOSTOR_CERT = impostorCertificateFile();
    private static final String UNRELATED_CA = resource("/tls/unrelated-ca.pem");

    private ImpostorPostgres impostor;
    private IamTokenCache cache;

    @BeforeEach
    void startImpostor() throws Exception {
        impostor = new ImpostorPostgres();
        cache = IamTokenCache.builder().credentialsProvider(TestCredentials.SESSION).build();
    }

    @AfterEach
    void stopImpostor() throws Exception {
        impostor.close();
    }

    @Test
    void theImpostorCatchesATokenSentOverUnverifiedTls() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "app");
        properties.setProperty("password", token());
        properties.setProperty("sslmode", "require");
        properties.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");

        assertThatThrownBy(() -> DriverManager.getConnection(url(""), properties).close())
                .isInstanceOf(SQLException.class);

        assertThat(impostor.handshakes()).isEqualTo(1);
        assertThat(impostor.received()).contains("X-Amz-Signature=");
    }

    /** What docs/iam.md says of REQUIRE: encrypted, but any server with any certificate gets the token. */
    @Test
    void requireIsOpenToImpersonation() {
        IamDataSource dataSource = builder("").tlsMode(TlsMode.REQUIRE).build();

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);

        assertThat(impostor.received()).contains("X-Amz-Signature=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERIFY_FULL", "VERIFY_CA"})
    void aVerifyingModeRefusesTheImpostorBeforeAnyTokenIsSent(TlsMode mode) {
        IamDataSource dataSource = builder("").tlsMode(mode).rootCertificate(Path.of(UNRELATED_CA)).build();

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);

        assertThat(impostor.connections()).isPositive();
        assertThat(impostor.handshakes()).isZero();
        assertNoToken();
    }

    static Stream<String> hostileUrlParameters() {
        return Stream.of(
                "sslmode=require",
                "sslmode=disable",
                "sslmode=allow",
                "sslmode=prefer",
                "ssl=false",
                "sslmode=verify-ca&sslrootcert=" + IMPOSTOR_CERT,
                "sslrootcert=" + IMPOSTOR_CERT,
                "sslfactory=org.postgresql.ssl.NonValidatingFactory",
                "sslfactory=org.postgresql.ssl.SingleCertValidatingFactory&sslfactoryarg=file:" + IMPOSTOR_CERT,
                "sslhostnameverifier=org.postgresql.ssl.PGjdbcHostnameVerifier",
                "sslmode=require&sslcert=" + IMPOSTOR_CERT,
                "service=impostor");
    }

    @ParameterizedTest
    @MethodSource("hostileUrlParameters")
    void aUrlParameterThatWeakensTlsIsRefusedAndNoTokenLeaves(String parameters) {
        assertRefusedWithoutLeak(() -> builder("?" + parameters).build().getConnection().close());
    }

    @ParameterizedTest
    @MethodSource("hostileUrlParameters")
    void aDriverPropertyThatWeakensTlsIsRefusedAndNoTokenLeaves(String parameters) {
        assertRefusedWithoutLeak(() -> {
            IamDataSource.Builder builder = builder("");
            for (String pair : parameters.split("&")) {
                int equals = pair.indexOf('=');
                builder.driverProperty(pair.substring(0, equals), pair.substring(equals + 1));
            }
            builder.build().getConnection().close();
        });
    }

    @ParameterizedTest
    @MethodSource("hostileUrlParameters")
    void theAwsWrapperConfigurationRefusesTheSameParameters(String parameters) {
        assertRefusedWithoutLeak(() -> builder("?" + parameters).buildAwsWrapperConfiguration());
    }

    private void assertRefusedWithoutLeak(org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt) {
        assertThatThrownBy(attempt)
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The ")
                .hasMessageContaining("sets '")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(IMPOSTOR_CERT));
        assertThat(impostor.connections()).isZero();
        assertNoToken();
    }

    private void assertNoToken() {
        assertThat(impostor.received())
                .doesNotContain("X-Amz")
                .doesNotContain("Action=connect")
                .doesNotContain(SIGNING_HOST);
    }

    private IamDataSource.Builder builder(String parameters) {
        return IamDataSource.builder()
                .jdbcUrl(url(parameters))
                .user("app")
                .signingHost(SIGNING_HOST)
                .region(Region.US_EAST_1)
                .tokenCache(cache);
    }

    private String url(String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + impostor.port() + "/postgres_limitless" + parameters;
    }

    private String token() {
        return cache.token(new IamEndpoint(Region.US_EAST_1, SIGNING_HOST, impostor.port(), "app"));
    }

    /** The impostor's certificate as a file, as an attacker would place it for sslrootcert. */
    private static String impostorCertificateFile() {
        try {
            Path file = Files.createTempFile("impostor", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, ImpostorPostgres.certificatePem()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try {
            return Path.of(IamImpostorTest.class.getResource(name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
