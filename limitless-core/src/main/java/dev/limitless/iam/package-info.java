/**
 * IAM database authentication for RDS Proxy and Aurora PostgreSQL Limitless shard-group endpoints: tokens minted with
 * the AWS SDK and cached ({@link dev.limitless.iam.IamTokenCache}), handed to any pool as the password over TLS
 * ({@link dev.limitless.iam.IamDataSource}, {@link dev.limitless.iam.IamHikari}), or the same settings for the AWS
 * Advanced JDBC Wrapper ({@link dev.limitless.iam.AwsWrapperConfiguration}). Tokens and AWS secrets never reach logs,
 * {@code toString}, exception messages or listener events. See docs/iam.md.
 */
package dev.limitless.iam;
