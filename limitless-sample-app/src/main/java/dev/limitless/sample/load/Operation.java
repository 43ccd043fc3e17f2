package dev.limitless.sample.load;

/** What one request of the load does, and how often (per mille of all requests). */
enum Operation {
    /** POST /accounts/{id}/transactions with a fresh idempotency key: one shard, one write transaction. */
    RECORD_TRANSACTION(500),
    /** GET /accounts/{id}/transactions?limit=5: one shard, joined to the currencies reference table. */
    LIST_TRANSACTIONS(300),
    /** GET /accounts/{id}: one shard. */
    READ_ACCOUNT(180),
    /** GET /reports/failed-transactions: every shard, on purpose. */
    FAILED_REPORT(15),
    /** GET /transactions/search?status=FAILED: every shard, by mistake; the guard refuses it. */
    NAIVE_SEARCH(5);

    final int perMille;

    Operation(int perMille) {
        this.perMille = perMille;
    }

    /** The operation for a uniformly drawn number in [0, 1000). */
    static Operation pick(int draw) {
        int bound = 0;
        for (Operation operation : values()) {
            bound += operation.perMille;
            if (draw < bound) {
                return operation;
            }
        }
        throw new IllegalArgumentException("draw must be in [0, 1000): " + draw);
    }

    /** Whether an answer with this status is what the sample is meant to answer (the guard refuses the search). */
    boolean expected(int status) {
        return this == NAIVE_SEARCH ? status == 500 : status / 100 == 2;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
