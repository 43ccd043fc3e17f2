package dev.limitless.autoconfigure.local;

/**
 * A {@code limitless.local.*} property asks for local mode, and the module it needs is not on the class path. Thrown
 * at start-up (before any connection is made) so that {@link LocalDependencyFailureAnalyzer} can name the dependency.
 */
final class LocalDependencyMissingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String dependency;

    LocalDependencyMissingException(String property, String dependency, String message) {
        super(message);
        this.property = property;
        this.dependency = dependency;
    }

    /** The property that asked for local mode, e.g. {@code limitless.local.install}. */
    String property() {
        return property;
    }

    /** The coordinates to add, e.g. {@code dev.limitless:limitless-emulation}. */
    String dependency() {
        return dependency;
    }
}
