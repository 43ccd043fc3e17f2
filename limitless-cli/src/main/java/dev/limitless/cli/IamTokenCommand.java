package dev.limitless.cli;

import dev.limitless.iam.IamConfigurationException;
import dev.limitless.iam.IamEndpoint;
import dev.limitless.iam.IamTokenCache;
import dev.limitless.iam.IamTokenException;
import dev.limitless.iam.RegionResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/** {@code limitless iam-token}: prints an RDS IAM authentication token, like {@code aws rds generate-db-auth-token}. */
@Command(name = "iam-token", mixinStandardHelpOptions = true,
        description = {"Prints an RDS IAM authentication token (valid 15 minutes) for a database user, signed with the",
                "AWS default credentials chain (environment variables, profiles, web identity, container or instance role).",
                "Use it as the password, over TLS: PGPASSWORD=\"$(limitless iam-token ...)\" psql \"sslmode=verify-full ...\""})
final class IamTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "H",
            description = "The RDS endpoint name the token is for (cluster, instance, proxy or Limitless shard group)")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "5432", description = "Endpoint port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", required = true, paramLabel = "U", description = "Database user granted rds_iam")
    String user;

    @Option(names = "--region", paramLabel = "R",
            description = "Signing region; default: from the RDS host name, else AWS_REGION or the profile")
    String region;

    @Override
    public Integer call() {
        try (IamTokenCache cache = IamTokenCache.create()) {
            Region signingRegion = RegionResolver.withDefaultChain().resolve(region == null ? null : Region.of(region), host);
            spec.commandLine().getOut().println(cache.token(new IamEndpoint(signingRegion, host, port, user)));
            return 0;
        } catch (IamConfigurationException | IamTokenException e) {
            spec.commandLine().getErr().println("limitless iam-token: " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        }
    }
}
