package dev.limitless.benchmarks.iam;

import dev.limitless.iam.IamEndpoint;
import dev.limitless.iam.IamTokenCache;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * What HikariCP pays per new physical connection for its password: a cached token lookup, against a plain
 * {@link ConcurrentHashMap} lookup (the baseline) and against minting a token with the SDK every time (no cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IamTokenCacheBenchmark {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDBENCHMARK", "benchmarkSecretKey", "benchmarkSessionToken"));

    private final IamEndpoint endpoint = new IamEndpoint(Region.US_EAST_1,
            "ledger.shardgrp-c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "ledger_app");
    private final ConcurrentMap<IamEndpoint, String> map = new ConcurrentHashMap<>();
    private IamTokenCache cache;
    private RdsUtilities utilities;

    @Setup(Level.Trial)
    public void setUp() {
        cache = IamTokenCache.builder().credentialsProvider(CREDENTIALS).build();
        map.put(endpoint, cache.token(endpoint));
        utilities = RdsUtilities.builder().credentialsProvider(CREDENTIALS).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
    }

    @Benchmark
    public String baselineConcurrentHashMapLookup() {
        return map.get(endpoint);
    }

    @Benchmark
    public String cachedToken() {
        return cache.token(endpoint);
    }

    @Benchmark
    public String mintWithoutCache() {
        return utilities.generateAuthenticationToken(request -> request.hostname(endpoint.host()).port(endpoint.port())
                .username(endpoint.user()).region(endpoint.region()));
    }
}
