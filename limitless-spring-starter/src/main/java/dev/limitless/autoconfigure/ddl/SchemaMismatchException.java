package dev.limitless.autoconfigure.ddl;

import java.util.List;

/** The live database's Limitless catalog differs from what the application declares. */
public final class SchemaMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> differences;

    SchemaMismatchException(List<String> differences) {
        super("The database does not match the declared Limitless catalog (" + differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + "):\n- " + String.join("\n- ", differences));
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
