package dev.faultline.incident;

import java.util.Objects;

/**
 * Where a monitor stands in the confirm-and-recover cycle. Each phase holds exactly the data
 * it needs, so a SUSPECT monitor without an episode or a DOWN one without an incident cannot
 * be written down.
 */
public sealed interface Phase {

    /** No failure under way (the latest results may still hold a regional failure short of a quorum). */
    record Up() implements Phase {
    }

    /** A failure seen and being confirmed by re-checks from the regions. */
    record Suspect(FailureEpisode episode) implements Phase {
        public Suspect {
            Objects.requireNonNull(episode, "episode");
        }
    }

    /**
     * An incident is open until the recovery rounds are complete.
     *
     * @param criticalFailures critical results seen since no region was failing critically: a
     *                         warning incident escalates on a quorum of them and at least two,
     *                         just as confirming one takes a failure and its re-check
     */
    record Down(Incident incident, RecoveryProgress recovery, int criticalFailures) implements Phase {
        public Down {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(recovery, "recovery");
        }

        Down withIncident(Incident incident) {
            return new Down(incident, recovery, criticalFailures);
        }

        Down withRecovery(RecoveryProgress recovery) {
            return new Down(incident, recovery, criticalFailures);
        }
    }
}
