package dev.faultline.incident;

import java.time.Instant;
import java.util.List;

/** What one step works with: the policy, the regions that count, the time, and the actions so far. */
record Context(ConfirmPolicy policy, Quorum quorum, Instant now, List<Action> actions) {

    void emit(Action action) {
        actions.add(action);
    }
}
