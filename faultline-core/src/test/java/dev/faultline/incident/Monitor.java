package dev.faultline.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One monitor driven by events, keeping every step: what a table test or a property needs. */
final class Monitor {

    private final IncidentEngine engine;
    private MonitorState state = MonitorState.initial();
    private final List<Step> steps = new ArrayList<>();

    Monitor(ConfirmPolicy policy, Set<String> regions) {
        this.engine = new IncidentEngine(policy, regions);
    }

    Monitor(ConfirmPolicy policy, String... regions) {
        this(policy, Set.of(regions));
    }

    Step send(Event event) {
        Step step = engine.apply(state, event);
        state = step.state();
        steps.add(step);
        return step;
    }

    /** Sends the script's events; returns the last step. */
    Step run(String script) {
        Step last = null;
        for (Event event : Script.parse(script)) last = send(event);
        return last;
    }

    /** Continues from a state read back from storage, as after a restart. */
    void restore(MonitorState stored) {
        state = stored;
    }

    MonitorState state() {
        return state;
    }

    List<Step> steps() {
        return steps;
    }

    /** Every action of every step so far, in order. */
    List<Action> actions() {
        return steps.stream().flatMap(step -> step.actions().stream()).toList();
    }
}
