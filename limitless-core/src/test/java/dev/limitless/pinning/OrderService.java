package dev.limitless.pinning;

import dev.limitless.pinning.internal.PinningClassifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;

/** Stands for application code: it sends a pinning statement through Spring's JdbcTemplate. */
final class OrderService {

    private final JdbcTemplate jdbc;
    private final PinningDetector detector;

    OrderService(JdbcTemplate jdbc, PinningDetector detector) {
        this.jdbc = jdbc;
        this.detector = detector;
    }

    void placeOrder() {
        String sql = "SET search_path = ledger";
        jdbc.execute((StatementCallback<Void>) statement -> {
            // where the guarded data source would check, below JdbcTemplate
            detector.check(sql, PinningClassifier.classify(sql), !statement.getConnection().getAutoCommit());
            return null;
        });
    }
}
