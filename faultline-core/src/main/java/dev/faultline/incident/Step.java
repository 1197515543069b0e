package dev.faultline.incident;

import java.util.List;
import java.util.Objects;

/** The outcome of one event: the state to keep and the actions to carry out, in order. */
public record Step(MonitorState state, List<Action> actions) {

    public Step {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
