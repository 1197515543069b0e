package dev.faultline.incident;

import dev.faultline.incident.Event.ConfirmationDeadline;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import static dev.faultline.incident.Script.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The state is a plain value: what the server stores and reads back behaves exactly as before. */
class RestartTest {

    private final ConfirmPolicy policy = ConfirmPolicy.DEFAULT;

    @Test
    void anIncidentOpenAtShutdownIsStillOpenAfterRestartAndResolvesNormally() {
        Monitor before = new Monitor(policy, "a", "b");
        before.run("a 500 @0; b 500 @1; a ok @60");

        Monitor after = restartedFrom(before.state(), "a", "b");
        Step last = after.run("b ok @60; a ok @120; b ok @120");

        assertThat(after.state().status()).isEqualTo(Status.UP);
        assertThat(ActionText.of(last.actions())).isEqualTo("resolve after 60s; notify critical resolved");
    }

    @Test
    void aSuspectMonitorTellsWhichDeadlineToScheduleAgain() {
        Monitor before = new Monitor(policy, "a", "b");
        before.run("a 500 @0");

        assertThat(before.state().pendingDeadline()).contains(at(30));
        Monitor after = restartedFrom(before.state(), "a", "b");
        after.send(new ConfirmationDeadline(at(30)));
        assertThat(after.state().status()).isEqualTo(Status.UP);
    }

    @Test
    void aStateRebuiltFromItsPartsEqualsTheOriginal() {
        Monitor monitor = new Monitor(policy.withFlapping(new Threshold(2, java.time.Duration.ofMinutes(10))), "a");
        monitor.run("maintenance on @0; a 500 @1; a 500 @2; a ok @3; c unhealthy @3; a ok @4; maintenance off @5; a 404 @6");

        MonitorState state = monitor.state();
        assertThat(copy(state)).isEqualTo(state).hasSameHashCodeAs(state);
    }

    @Test
    void theSameEventsGiveTheSameSteps() {
        String script = "a 500 @0; b 500 @1; a ok @60; b ok @60; a 500 @70; a ok @71; deadline @100";
        Monitor one = new Monitor(policy, "a", "b");
        Monitor two = new Monitor(policy, "a", "b");

        one.run(script);
        two.run(script);

        assertThat(one.steps()).isEqualTo(two.steps());
    }

    private Monitor restartedFrom(MonitorState stored, String... regions) {
        Monitor monitor = new Monitor(policy, regions);
        monitor.restore(copy(stored));
        return monitor;
    }

    // What a store does: take the value apart, put it together again.
    private static MonitorState copy(MonitorState state) {
        return new MonitorState(state.phase(), new HashMap<>(state.latestByRegion()), new HashSet<>(state.unhealthyRegions()),
                state.maintenanceSince(), new Stability(List.copyOf(state.stability().transitions()),
                        List.copyOf(state.stability().blips()), state.stability().flapping(), state.stability().instabilityWarnedAt()),
                state.latestEventAt());
    }
}
