package dev.faultline.json;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What a probe agent and the server say to each other under {@code /api/v1/agent/{region}/}. */
public final class AgentWire {

    private AgentWire() {
    }

    /**
     * The answer to a poll: the region's monitors as of {@code version}, the canaries every
     * region checks, and the monitors to re-check now.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Assignment(long version, List<MonitorJson> monitors, List<String> canaries, List<String> rechecks) {
        public Assignment {
            monitors = monitors == null ? List.of() : List.copyOf(monitors);
            canaries = canaries == null ? List.of() : List.copyOf(canaries);
            rechecks = rechecks == null ? List.of() : List.copyOf(rechecks);
        }
    }

    /** Results uploaded once: the batch id makes a retried upload harmless. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ResultBatch(String batch, List<ResultJson> results) {
    }

    /** The server's receipt: how many results it took, and whether it had taken this batch before. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Receipt(String batch, int accepted, int ignored, boolean duplicate) {
    }
}
