package dev.faultline.incidents;

import dev.faultline.store.IncidentRecord;

/** What {@link IncidentService#acknowledge} made of an acknowledgement. */
public sealed interface AckOutcome {

    /**
     * The incident is acknowledged, as {@code incident} shows.
     *
     * @param now true when this call acknowledged it; false when it had been before (that
     *            acknowledgement is kept: acknowledging is idempotent)
     */
    record Acknowledged(IncidentRecord incident, boolean now) implements AckOutcome {
    }

    /** The incident was resolved before anyone acknowledged it: there is nothing left to take on. */
    record AlreadyResolved(IncidentRecord incident) implements AckOutcome {
    }

    /** No incident has that id. */
    record NotFound(long id) implements AckOutcome {
    }
}
