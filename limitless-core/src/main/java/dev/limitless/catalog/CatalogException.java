package dev.limitless.catalog;

/** A catalog that cannot be used: a malformed catalog file, conflicting definitions, an unknown table. */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
