/**
 * AWS Lambda entry points: {@link dev.limitless.sample.lambda.LedgerLambdaHandler} serves the REST API behind an API
 * Gateway HTTP API, {@link dev.limitless.sample.lambda.MigrationHandler} migrates the schema as a deployment step.
 */
package dev.limitless.sample.lambda;
