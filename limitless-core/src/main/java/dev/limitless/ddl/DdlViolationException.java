package dev.limitless.ddl;

import java.util.List;
import java.util.stream.Collectors;

/** A schema that Aurora Limitless would refuse; lists every broken rule at once. */
public class DdlViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public DdlViolationException(List<Violation> violations) {
        super(violations.size() + " Limitless DDL rule(s) broken:\n" + violations.stream().map(Violation::toString)
                .collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, errors and warnings, in script order. */
    public List<Violation> violations() {
        return violations;
    }
}
