/**
 * Buffered writes through SQS: {@link dev.limitless.sqs.ShardGroupedBatchWriter} writes a batch of messages grouped
 * by shard key, one single-shard transaction per group, each message at most once
 * ({@link dev.limitless.sqs.DeduplicationTable}), failures reported per message. Lambda SQS events go through
 * {@link dev.limitless.sqs.LambdaSqsBatches}; the AWS SDK's client through {@link dev.limitless.sqs.SqsQueuePoller}.
 * See docs/sqs.md.
 */
package dev.limitless.sqs;
