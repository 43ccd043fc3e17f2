package dev.limitless.repository;

import java.util.List;

/**
 * Stops an application from starting because repository methods would run on every shard (or cannot be shown to
 * stay in one). Lists every offending method of every repository of the context, each with a fix.
 */
public class UnscopedRepositoryMethodsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<UnscopedMethod> methods;

    public UnscopedRepositoryMethodsException(List<UnscopedMethod> methods) {
        super(message(methods));
        this.methods = List.copyOf(methods);
    }

    /** The offending methods, in the order the repositories were created. */
    public List<UnscopedMethod> methods() {
        return methods;
    }

    private static String message(List<UnscopedMethod> methods) {
        StringBuilder text = new StringBuilder();
        text.append(methods.size()).append(methods.size() == 1 ? " repository method" : " repository methods")
                .append(" would not stay inside one shard of a Limitless sharded table:");
        for (UnscopedMethod method : methods) {
            text.append("\n  - ").append(method.method()).append(": ").append(method.problem())
                    .append("\n      fix: ").append(method.fix());
        }
        text.append("\nMethods that must read every shard can opt in with @AllowScatter(reason = \"...\") on the method"
                + " or the repository.");
        return text.toString();
    }

    /**
     * One offending repository method.
     *
     * @param method the repository and method, e.g. {@code TransactionRepository.findAll()}
     * @param table the sharded table it reads or writes
     * @param problem what would happen
     * @param fix how to make it single-shard (or opt in)
     */
    public record UnscopedMethod(String method, String table, String problem, String fix) {
    }
}
