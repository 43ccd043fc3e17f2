package dev.limitless.iam;

/**
 * No AWS region could be found to sign IAM tokens for a host: none was given, the host name is not an RDS endpoint
 * name, and the AWS SDK's region chain found none either.
 */
public final class IamRegionNotFoundException extends IamConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String host;

    IamRegionNotFoundException(String host, String chainFailure) {
        super("Could not determine the AWS region to sign IAM tokens for host '" + host + "': no region was set, '"
                + host + "' is not an RDS endpoint name (like name.cluster-abc.us-east-1.rds.amazonaws.com), and the AWS"
                + " SDK region chain found none (" + chainFailure + "). Set the region explicitly (limitless.iam.region,"
                + " --region or IamDataSource.Builder.region), or set AWS_REGION.");
        this.host = host;
    }

    /** The host for which no region was found. */
    public String host() {
        return host;
    }
}
