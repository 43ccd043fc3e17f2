package software.amazon.awssdk.services.rds;

import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Test-only access to the SDK's own {@code RdsUtilities} with a chosen clock (its constructor taking a clock is
 * package-private), so tokens can be recomputed independently for a known signing time.
 */
public final class FixedClockRdsUtilities {

    private FixedClockRdsUtilities() {
    }

    public static RdsUtilities create(Clock clock, AwsCredentialsProvider credentials) {
        DefaultRdsUtilities.DefaultBuilder builder = new DefaultRdsUtilities.DefaultBuilder();
        builder.credentialsProvider(credentials);
        return new DefaultRdsUtilities(builder, clock);
    }
}
