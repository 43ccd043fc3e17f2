package dev.limitless.iam;

import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * What an IAM authentication token is signed for: the region, the endpoint's own host name and port, and the
 * database user. It is the key of {@link IamTokenCache}; it holds nothing secret.
 *
 * @param region signing region
 * @param host the RDS endpoint host name the token is signed for (lower case), which is not necessarily the host
 *     the driver connects to (a tunnel or custom DNS name needs an explicit signing host)
 * @param port the endpoint port
 * @param user the database user ({@code DBUser})
 */
public record IamEndpoint(Region region, String host, int port, String user) {

    public IamEndpoint {
        Objects.requireNonNull(region, "region");
        if (host == null || host.isBlank()) {
            throw new IamConfigurationException("The IAM signing host is empty: set the RDS endpoint host name the token is for.");
        }
        if (port < 1 || port > 65535) {
            throw new IamConfigurationException("The IAM signing port " + port + " of host " + host
                    + " is not a TCP port: use the endpoint's port (5432 unless changed).");
        }
        if (user == null || user.isBlank()) {
            throw new IamConfigurationException("The IAM database user for " + host + ":" + port
                    + " is empty: set the database user that was granted rds_iam.");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " (" + region.id() + ")";
    }
}
