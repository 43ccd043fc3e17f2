package dev.limitless.autoconfigure.conformance.tasktracker;

import dev.limitless.guard.AllowScatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A service allowed to scatter at the type level. */
@Service
@AllowScatter(reason = "nightly report over every board")
public class BoardReport {

    private final JdbcClient jdbc;

    public BoardReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> names() {
        return jdbc.sql("SELECT name FROM boards").query(String.class).list();
    }
}
