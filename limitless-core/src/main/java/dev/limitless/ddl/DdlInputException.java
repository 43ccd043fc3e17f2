package dev.limitless.ddl;

/** Input that cannot be translated at all: SQL that cannot be read, a catalog naming tables the schema lacks. */
public class DdlInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DdlInputException(String message) {
        super(message);
    }
}
