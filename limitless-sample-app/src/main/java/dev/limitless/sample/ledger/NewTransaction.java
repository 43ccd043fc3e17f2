package dev.limitless.sample.ledger;

import java.math.BigDecimal;

/**
 * A request to record a transaction on an account.
 *
 * @param amount positive, at most two decimals (send it as a JSON string, {@code "12.50"}, to keep it exact)
 * @param currency ISO 4217 code known to the {@code currencies} table; converted to the account's currency
 * @param direction {@code CREDIT} (the default when {@code null}) or {@code DEBIT}
 */
public record NewTransaction(BigDecimal amount, String currency, Direction direction) {

    /** The direction, {@code CREDIT} when none was given. */
    public Direction directionOrCredit() {
        return direction == null ? Direction.CREDIT : direction;
    }
}
