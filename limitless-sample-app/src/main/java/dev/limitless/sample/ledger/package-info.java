/**
 * The ledger: accounts and their transactions on tables sharded by {@code account_id}, currencies in a reference
 * table. {@link dev.limitless.sample.ledger.Ledger} holds the use cases.
 */
package dev.limitless.sample.ledger;
