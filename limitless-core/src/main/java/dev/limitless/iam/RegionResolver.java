package dev.limitless.iam;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Finds the region to sign IAM tokens with: the explicit one, else the one in an RDS endpoint name, else the AWS
 * SDK's region chain.
 *
 * <p>RDS endpoint names carry their region right before {@code rds.amazonaws.com} ({@code .cn} in China), in every
 * form: cluster ({@code app.cluster-c9akciq32.us-east-1.rds.amazonaws.com}, {@code cluster-ro-}, {@code cluster-custom-}),
 * instance ({@code app-1.c9akciq32.eu-west-1.rds.amazonaws.com}), RDS Proxy ({@code p.proxy-c9akciq32.us-east-1...}),
 * proxy endpoint ({@code e.endpoint.proxy-c9akciq32.us-east-1...}), Limitless shard group
 * ({@code app.shardgrp-c9akciq32.us-east-1...}), China ({@code ...cn-north-1.rds.amazonaws.com.cn}) and GovCloud
 * ({@code ...us-gov-west-1.rds.amazonaws.com}). Custom DNS names and IP addresses carry no region and, more
 * importantly, are not what a token must be signed for: they need an explicit signing host.
 */
public final class RegionResolver {

    private static final Pattern RDS_HOST = Pattern.compile(
            "^(?:[a-z0-9-]+\\.)+(?<region>[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+)\\.rds\\.amazonaws\\.com(?:\\.cn)?\\.?$");

    private final AwsRegionProvider regionChain;

    private RegionResolver(AwsRegionProvider regionChain) {
        this.regionChain = regionChain;
    }

    /** A resolver that falls back to the AWS SDK's default region chain (env, system property, profile, metadata). */
    public static RegionResolver withDefaultChain() {
        return new RegionResolver(DefaultAwsRegionProviderChain.builder().build());
    }

    /** A resolver that falls back to the given region provider. */
    public static RegionResolver withFallback(AwsRegionProvider regionChain) {
        return new RegionResolver(regionChain);
    }

    /** The region in an RDS endpoint name, or empty for any other host name or an IP address. */
    public static Optional<Region> fromRdsHostname(String host) {
        if (host == null) {
            return Optional.empty();
        }
        Matcher matcher = RDS_HOST.matcher(host.toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(Region.of(matcher.group("region"))) : Optional.empty();
    }

    /** Whether the host is an RDS endpoint name (cluster, instance, proxy, proxy endpoint or shard group). */
    public static boolean isRdsHostname(String host) {
        return fromRdsHostname(host).isPresent();
    }

    /**
     * The signing region for {@code host}.
     *
     * @param explicit the configured region, or {@code null}
     * @throws IamRegionNotFoundException when neither the host name nor the SDK chain names a region
     */
    public Region resolve(Region explicit, String host) {
        if (explicit != null) {
            return explicit;
        }
        Optional<Region> fromHost = fromRdsHostname(host);
        if (fromHost.isPresent()) {
            return fromHost.get();
        }
        try {
            Region region = regionChain.getRegion();
            if (region != null) {
                return region;
            }
            throw new IamRegionNotFoundException(host, "it returned no region");
        } catch (SdkClientException e) {
            throw new IamRegionNotFoundException(host, e.getMessage());
        }
    }
}
