package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;

class IamDataSourceSettingsTest {

    private static final String PROXY = "orders.proxy-c9akciq32abc.us-east-1.rds.amazonaws.com";
    private static final String SHARD_GROUP = "ledger.shardgrp-c9akciq32abc.us-east-2.rds.amazonaws.com";

    private static IamDataSource.Builder builder(String url) {
        return IamDataSource.builder()
                .jdbcUrl(url)
                .user("app")
                .tokenCache(IamTokenCache.builder().credentialsProvider(TestCredentials.BASIC).build())
                .regionResolver(RegionResolver.withFallback(() -> {
                    throw SdkClientException.create("no region in this test");
                }));
    }

    @Test
    void signsForTheRdsEndpointInTheUrl() {
        IamDataSource dataSource = builder("jdbc:postgresql://" + PROXY + ":6543/orders").build();

        assertThat(dataSource.endpoint()).isEqualTo(new IamEndpoint(
                software.amazon.awssdk.regions.Region.US_EAST_1, PROXY, 6543, "app"));
        assertThat(dataSource.tlsMode()).isEqualTo(TlsMode.VERIFY_FULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?sslmode=disable", "?sslmode=allow", "?sslmode=prefer", "?ssl=false", "?sslmode=require",
            "?sslmode=verify-ca", "?SSLMODE=require"})
    void refusesAUrlThatChangesTheTlsMode(String parameters) {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + ":5432/orders" + parameters).build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The JDBC URL sets '" + parameters.substring(1) + "'")
                .hasMessageContaining("limitless.iam.tls.mode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslfactory=org.postgresql.ssl.NonValidatingFactory", "sslrootcert=other.pem",
            "sslhostnameverifier=org.example.AnyHost", "sslfactoryarg=x", "sslcert=client.pem", "sslkey=client.key",
            "sslpasswordcallback=org.example.Callback", "service=ledger"})
    void refusesAUrlThatChangesHowTheServerIsVerified(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));

        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + ":5432/orders?" + parameter).build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The JDBC URL sets '" + name + "'")
                .hasMessageContaining(name.equals("sslrootcert") ? "limitless.iam.tls.root-certificate"
                        : name.equals("service") ? "pg_service.conf" : "remove it");
    }

    @Test
    void refusesTheSameSettingsAsDriverProperties() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders").driverProperty("sslmode", "require")
                .build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The driver property sets 'sslmode=require'")
                .hasMessageContaining("limitless.iam.tls.mode");
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders")
                .driverProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The driver property sets 'sslfactory'");
    }

    @Test
    void acceptsTlsSettingsThatCannotWeakenTheMode() {
        IamDataSource dataSource = builder("jdbc:postgresql://" + PROXY
                + "/orders?sslmode=verify-full&ssl=true&sslResponseTimeout=4000")
                .driverProperty("sslNegotiation", "postgres")
                .build();

        assertThat(dataSource.tlsMode()).isEqualTo(TlsMode.VERIFY_FULL);
    }

    @Test
    void aRefusalNeverRepeatsTheValueOfASecretParameter() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders?sslpassword=hunter2").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("'sslpassword'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "," + SHARD_GROUP + "/orders?password=hunter2")
                .build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesPlaintextToAnyHostButLoopback() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + ":5432/orders")
                .tlsMode(TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY).build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("only accepted for a loopback host")
                .hasMessageContaining(PROXY);
        assertThatThrownBy(() -> builder("jdbc:postgresql://10.1.2.3:5432/orders").signingHost(PROXY)
                .tlsMode(TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY).build())
                .isInstanceOf(IamConfigurationException.class);
    }

    @Test
    void acceptsPlaintextToLoopbackOnlyWithTheUnsafeMode() {
        IamDataSource dataSource = builder("jdbc:postgresql://127.0.0.1:5432/orders").signingHost(PROXY)
                .tlsMode(TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY).build();

        assertThat(dataSource.endpoint().host()).isEqualTo(PROXY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "10.1.2.3", "localhost"})
    void requiresASigningHostForCustomNamesAndAddresses(String host) {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + host + ":5432/orders").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("'" + host + "', which is not an RDS endpoint name")
                .hasMessageContaining("limitless.iam.signing-host");
    }

    @Test
    void aCustomNameWithASigningHostSignsForTheEndpoint() {
        IamDataSource dataSource = builder("jdbc:postgresql://db.example.com:5432/orders").signingHost(SHARD_GROUP)
                .build();

        assertThat(dataSource.endpoint().host()).isEqualTo(SHARD_GROUP);
        assertThat(dataSource.endpoint().region().id()).isEqualTo("us-east-2");
    }

    @Test
    void refusesAPasswordOrUserInTheUrl() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders?password=hunter2").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("sets 'password'");
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders").driverProperty("password", "x"))
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("never stored");
    }

    @Test
    void refusesSeveralHosts() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "," + SHARD_GROUP + "/orders").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("several hosts");
    }

    @Test
    void requiresAUser() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders").user(null).build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("database user");
    }

    @Test
    void awsWrapperConfigurationForAShardGroupUsesTheLimitlessAndIamPlugins() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://" + SHARD_GROUP + ":5432/postgres_limitless")
                .rootCertificate(Path.of("rds", "global-bundle.pem"))
                .proxySafeDriverDefaults("ledger-lambda")
                .buildAwsWrapperConfiguration();

        assertThat(wrapper.jdbcUrl()).isEqualTo("jdbc:aws-wrapper:postgresql://" + SHARD_GROUP + ":5432/postgres_limitless");
        assertThat(wrapper.driverClassName()).isEqualTo("software.amazon.jdbc.Driver");
        assertThat(wrapper.properties())
                .containsEntry("wrapperPlugins", "limitless,iam")
                .containsEntry("iamRegion", "us-east-2")
                .containsEntry("iamHost", SHARD_GROUP)
                .containsEntry("iamDefaultPort", "5432")
                .containsEntry("user", "app")
                .containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", Path.of("rds", "global-bundle.pem").toString())
                .containsEntry("ApplicationName", "ledger-lambda")
                .containsEntry("assumeMinServerVersion", "9.0")
                .containsEntry("prepareThreshold", "0")
                .doesNotContainKey("password");
    }

    @Test
    void awsWrapperConfigurationForAProxyUsesOnlyTheIamPlugin() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://" + PROXY + "/orders").buildAwsWrapperConfiguration();

        assertThat(wrapper.properties()).containsEntry("wrapperPlugins", "iam").doesNotContainKey("ApplicationName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger.cluster-c9akciq32abc.us-east-2.rds.amazonaws.com",
            "ledger.cluster-ro-c9akciq32abc.us-east-2.rds.amazonaws.com"})
    void awsWrapperConfigurationForAClusterEndpointOfLimitlessUsesTheLimitlessPlugin(String clusterEndpoint) {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://" + clusterEndpoint + ":5432/postgres_limitless")
                .buildAwsWrapperConfiguration();

        assertThat(wrapper.properties()).containsEntry("wrapperPlugins", "limitless,iam")
                .containsEntry("iamHost", clusterEndpoint);
    }

    @Test
    void awsWrapperConfigurationForAnOrdinaryAuroraClusterUsesOnlyTheIamPlugin() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://orders.cluster-c9akciq32abc.us-east-2.rds.amazonaws.com"
                + ":5432/orders").buildAwsWrapperConfiguration();

        assertThat(wrapper.properties()).containsEntry("wrapperPlugins", "iam");
    }

    @Test
    void anExplicitLimitlessTopologyEnablesTheLimitlessPluginWhateverTheEndpointName() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://ledger.cluster-c9akciq32abc.us-east-2.rds.amazonaws.com"
                + ":5432/ledger").topology(dev.limitless.pinning.Topology.LIMITLESS).buildAwsWrapperConfiguration();

        assertThat(wrapper.properties()).containsEntry("wrapperPlugins", "limitless,iam");
    }

    @Test
    void anExplicitProxyOrStandardTopologyLeavesTheLimitlessPluginOffEvenForAShardGroupName() {
        for (dev.limitless.pinning.Topology topology : new dev.limitless.pinning.Topology[] {
                dev.limitless.pinning.Topology.PROXY, dev.limitless.pinning.Topology.STANDARD}) {
            AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://" + SHARD_GROUP + ":5432/postgres_limitless")
                    .topology(topology).buildAwsWrapperConfiguration();

            assertThat(wrapper.properties()).as(topology.tag()).containsEntry("wrapperPlugins", "iam");
        }
    }

    @Test
    void theLimitlessDatabaseThroughATunnelEnablesTheLimitlessPlugin() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://localhost:15432/postgres_limitless")
                .signingHost("ledger.cluster-c9akciq32abc.us-east-2.rds.amazonaws.com").signingPort(5432)
                .buildAwsWrapperConfiguration();

        assertThat(wrapper.properties()).containsEntry("wrapperPlugins", "limitless,iam");
    }

    @Test
    void awsWrapperConfigurationKeepsEveryUrlParameterItDoesNotOwn() {
        AwsWrapperConfiguration wrapper = builder("jdbc:postgresql://" + SHARD_GROUP
                + ":5432/postgres_limitless?currentSchema=ledger&connectTimeout=7&sslmode=verify-full")
                .buildAwsWrapperConfiguration();

        assertThat(wrapper.jdbcUrl()).isEqualTo("jdbc:aws-wrapper:postgresql://" + SHARD_GROUP
                + ":5432/postgres_limitless?currentSchema=ledger&connectTimeout=7&sslmode=verify-full");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrapperPlugins=iam", "iamRegion=eu-west-1", "iamHost=elsewhere.example.com",
            "iamDefaultPort=6543", "wrapperProfileName=custom"})
    void awsWrapperConfigurationRefusesByNameTheParametersItOwns(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));

        assertThatThrownBy(() -> builder("jdbc:postgresql://" + SHARD_GROUP + ":5432/postgres_limitless?" + parameter)
                .buildAwsWrapperConfiguration())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The JDBC URL sets '" + name + "'");
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + SHARD_GROUP + ":5432/postgres_limitless")
                .driverProperty(name, "x").buildAwsWrapperConfiguration())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("The driver property sets '" + name + "'");
    }

    @Test
    void proxySafeDefaultsNeedAnApplicationName() {
        assertThatThrownBy(() -> builder("jdbc:postgresql://" + PROXY + "/orders").proxySafeDriverDefaults(" ").build())
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("application name");
    }

    @Test
    void hikariWithProxySafeDefaultsRefusesAPoolLevelIsolation() {
        IamDataSource dataSource = builder("jdbc:postgresql://" + PROXY + "/orders").proxySafeDriverDefaults("orders").build();
        HikariConfig config = new HikariConfig();
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");

        assertThatThrownBy(() -> IamHikari.configure(config, dataSource))
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("SET SESSION CHARACTERISTICS")
                .hasMessageContaining("@Transactional(isolation");
    }

    @Test
    void hikariGetsTheDataSourceAndACredentialsProviderObject() {
        IamDataSource dataSource = builder("jdbc:postgresql://" + PROXY + "/orders").build();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://elsewhere/db");
        config.setPassword("stored-password");

        IamHikari.configure(config, dataSource);

        assertThat(config.getDataSource()).isSameAs(dataSource);
        assertThat(config.getJdbcUrl()).isNull();
        assertThat(config.getPassword()).isNull();
        assertThat(config.getCredentialsProvider()).isNotNull();
        assertThat(config.getCredentialsProvider().toString()).contains(PROXY);
    }
}
