package dev.limitless.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.guard.Route;
import dev.limitless.pinning.PinningReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void guardDefaultsRefuseScatterAndUnknownOnly() {
        Policy<Route> defaults = Policy.defaults(Route.class);
        assertThat(defaults.action(Route.SCATTER)).isEqualTo(PolicyAction.REFUSE);
        assertThat(defaults.action(Route.UNKNOWN)).isEqualTo(PolicyAction.REFUSE);
        for (Route route : new Route[] {Route.SINGLE_SHARD, Route.MULTI_SHARD, Route.REFERENCE, Route.STANDARD}) {
            assertThat(defaults.action(route)).as(route.name()).isEqualTo(PolicyAction.ALLOW);
        }
    }

    @Test
    void pinningDefaultsWarnOnEveryReason() {
        Policy<PinningReason> defaults = Policy.defaults(PinningReason.class);
        for (PinningReason reason : PinningReason.values()) {
            assertThat(defaults.action(reason)).as(reason.tag()).isEqualTo(PolicyAction.WARN);
        }
        assertThat(Policy.observeOnly(PinningReason.class)).isEqualTo(defaults);
    }

    @Test
    void observeOnlyTurnsEveryDefaultRefusalIntoAWarning() {
        Policy<Route> observing = Policy.observeOnly(Route.class);
        assertThat(observing.action(Route.SCATTER)).isEqualTo(PolicyAction.WARN);
        assertThat(observing.action(Route.UNKNOWN)).isEqualTo(PolicyAction.WARN);
        assertThat(observing.action(Route.MULTI_SHARD)).isEqualTo(PolicyAction.ALLOW);
        assertThat(observing).isEqualTo(Policy.defaults(Route.class).with(Route.SCATTER, PolicyAction.WARN)
                .with(Route.UNKNOWN, PolicyAction.WARN));
    }

    @Test
    void withReturnsAChangedCopyAndLeavesTheOriginal() {
        Policy<PinningReason> defaults = Policy.defaults(PinningReason.class);
        Policy<PinningReason> refusingSet = defaults.with(PinningReason.SET, PolicyAction.REFUSE);
        assertThat(refusingSet.action(PinningReason.SET)).isEqualTo(PolicyAction.REFUSE);
        assertThat(defaults.action(PinningReason.SET)).isEqualTo(PolicyAction.WARN);
        Policy<PinningReason> overridden = Policy.all(PinningReason.class, PolicyAction.ALLOW)
                .with(Map.of(PinningReason.LISTEN, PolicyAction.REFUSE, PinningReason.CURSOR, PolicyAction.WARN));
        assertThat(overridden.action(PinningReason.LISTEN)).isEqualTo(PolicyAction.REFUSE);
        assertThat(overridden.action(PinningReason.CURSOR)).isEqualTo(PolicyAction.WARN);
        assertThat(overridden.action(PinningReason.SET)).isEqualTo(PolicyAction.ALLOW);
        assertThatThrownBy(() -> defaults.with(PinningReason.SET, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void describesItselfInTheWordsOfTheProperties() {
        assertThat(Policy.defaults(Route.class)).hasToString("Policy<Route>{single_shard=allow, multi_shard=allow,"
                + " scatter=refuse, reference=allow, standard=allow, unknown=refuse}");
        assertThat(Policy.all(PinningReason.class, PolicyAction.REFUSE).toString())
                .startsWith("Policy<PinningReason>{set=refuse, prepare=refuse, temp_table=refuse,");
    }
}
