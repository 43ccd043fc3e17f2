package dev.limitless.jpa;

import java.util.List;

/**
 * Stops an application from starting because its Hibernate mapping cannot work on Aurora Limitless (IDENTITY
 * generation, Hibernate's schema export) or would leave the shard (writes without the shard key, associations that
 * load by a key without it). Lists every problem, each with a fix.
 */
public class LimitlessMappingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<MappingProblem> problems;

    public LimitlessMappingException(List<MappingProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, entity by entity. */
    public List<MappingProblem> problems() {
        return problems;
    }

    private static String message(List<MappingProblem> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(problems.size() == 1 ? " Hibernate mapping problem" : " Hibernate mapping problems")
                .append(" on Aurora Limitless:");
        for (MappingProblem problem : problems) {
            text.append("\n  - ").append(problem.subject()).append(": ").append(problem.problem())
                    .append("\n      fix: ").append(problem.fix());
        }
        return text.toString();
    }

    /**
     * One problem.
     *
     * @param subject the entity (and attribute), or the setting
     * @param problem what would happen
     * @param fix how to change the mapping
     */
    public record MappingProblem(String subject, String problem, String fix) {
    }
}
