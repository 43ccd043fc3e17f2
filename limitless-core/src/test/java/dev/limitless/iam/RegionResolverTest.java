package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class RegionResolverTest {

    private static final RegionResolver NO_CHAIN = RegionResolver.withFallback(() -> {
        throw SdkClientException.create("Unable to load region from any of the providers in the chain");
    });

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "app.cluster-c9akciq32abc.us-east-1.rds.amazonaws.com, us-east-1",
            "app.cluster-ro-c9akciq32abc.eu-west-1.rds.amazonaws.com, eu-west-1",
            "app.cluster-custom-c9akciq32abc.ap-southeast-2.rds.amazonaws.com, ap-southeast-2",
            "app-instance-1.c9akciq32abc.eu-central-1.rds.amazonaws.com, eu-central-1",
            "orders.proxy-c9akciq32abc.us-west-2.rds.amazonaws.com, us-west-2",
            "reader.endpoint.proxy-c9akciq32abc.us-west-2.rds.amazonaws.com, us-west-2",
            "ledger.shardgrp-c9akciq32abc.us-east-2.rds.amazonaws.com, us-east-2",
            "app.cluster-c9akciq32abc.cn-north-1.rds.amazonaws.com.cn, cn-north-1",
            "app.proxy-c9akciq32abc.cn-northwest-1.rds.amazonaws.com.cn, cn-northwest-1",
            "app.cluster-c9akciq32abc.us-gov-west-1.rds.amazonaws.com, us-gov-west-1",
            "APP.SHARDGRP-C9AKCIQ32ABC.US-GOV-EAST-1.RDS.AMAZONAWS.COM, us-gov-east-1",
    })
    void readsTheRegionFromRdsEndpointNames(String host, String region) {
        assertThat(RegionResolver.fromRdsHostname(host)).contains(Region.of(region));
        assertThat(NO_CHAIN.resolve(null, host)).isEqualTo(Region.of(region));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "10.0.3.17", "::1", "localhost", "rds.amazonaws.com",
            "app.cluster-abc.us-east-1.rds.amazonaws.com.evil.example"})
    void findsNoRegionInOtherHosts(String host) {
        assertThat(RegionResolver.fromRdsHostname(host)).isEmpty();
    }

    @Test
    void anExplicitRegionWins() {
        assertThat(NO_CHAIN.resolve(Region.EU_WEST_3, "app.cluster-abc.us-east-1.rds.amazonaws.com"))
                .isEqualTo(Region.EU_WEST_3);
    }

    @Test
    void fallsBackToTheRegionChainForOtherHosts() {
        RegionResolver resolver = RegionResolver.withFallback(() -> Region.AP_NORTHEAST_1);

        assertThat(resolver.resolve(null, "db.example.com")).isEqualTo(Region.AP_NORTHEAST_1);
    }

    @Test
    void explainsWhatToSetWhenNoRegionIsFound() {
        assertThatThrownBy(() -> NO_CHAIN.resolve(null, "db.example.com"))
                .isInstanceOf(IamRegionNotFoundException.class)
                .hasMessageContaining("'db.example.com'")
                .hasMessageContaining("not an RDS endpoint name")
                .hasMessageContaining("Unable to load region")
                .hasMessageContaining("limitless.iam.region");
    }
}
