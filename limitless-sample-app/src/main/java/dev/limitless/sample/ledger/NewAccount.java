package dev.limitless.sample.ledger;

/**
 * A request to open an account.
 *
 * @param owner who holds it; not blank, at most 200 characters
 * @param currency ISO 4217 code known to the {@code currencies} table
 */
public record NewAccount(String owner, String currency) {
}
