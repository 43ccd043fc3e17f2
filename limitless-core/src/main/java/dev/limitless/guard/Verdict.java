package dev.limitless.guard;

import dev.limitless.catalog.TableName;
import dev.limitless.policy.PolicyAction;
import java.util.List;

/**
 * The guard's decision on one statement under the active policy and opt-ins.
 *
 * @param analysis what the text says (cached, shared)
 * @param action the policy's action for the route ({@link PolicyAction#ALLOW} when an opt-in lifted a refusal)
 * @param refused whether the statement is refused
 */
public record Verdict(StatementAnalysis analysis, PolicyAction action, boolean refused) {

    public Route route() {
        return analysis.route();
    }

    public List<TableName> tables() {
        return analysis.tables();
    }

    public List<String> reasons() {
        return analysis.reasons();
    }
}
