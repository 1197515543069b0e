package dev.faultline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.check.Verdict;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.incident.Event;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.FailureEpisode;
import dev.faultline.incident.Incident;
import dev.faultline.incident.IncidentEngine;
import dev.faultline.incident.MonitorState;
import dev.faultline.incident.Phase;
import dev.faultline.incident.RecoveryProgress;
import dev.faultline.incident.Stability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MonitorStateJsonTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    static Stream<MonitorState> states() {
        return Stream.of(MonitorState.initial(), suspect(), downWithEverySetField(), engineDrivenDown());
    }

    @ParameterizedTest
    @MethodSource("states")
    void aStateReadsBackEqualAfterWritingItAsJson(MonitorState state) throws Exception {
        String json = JSON.writeValueAsString(MonitorStateJson.of(state));

        MonitorState back = JSON.readValue(json, MonitorStateJson.class).toState();

        assertThat(back).isEqualTo(state);
        assertThat(back.pendingDeadline()).isEqualTo(state.pendingDeadline());
    }

    @Test
    void theJsonIsPlainAndVersioned() throws Exception {
        String json = JSON.writeValueAsString(MonitorStateJson.of(downWithEverySetField()));

        assertThat(json).contains("\"version\":1", "\"kind\":\"down\"", "\"cause\":\"bad_gateway\"", "\"severity\":\"critical\"",
                "\"maintenance_since\":\"2026-11-27T08:00:30Z\"", "\"confirming_regions\":[\"eu\",\"us\"]");
    }

    @Test
    void aStateOfAnUnknownVersionIsRefused() throws Exception {
        String json = JSON.writeValueAsString(MonitorStateJson.of(MonitorState.initial())).replace("\"version\":1", "\"version\":9");

        assertThatThrownBy(() -> JSON.readValue(json, MonitorStateJson.class).toState()).hasMessageContaining("version 9");
    }

    private static MonitorState suspect() {
        FailureEpisode episode = new FailureEpisode(T0, T0.plusSeconds(2), Map.of("eu", List.of(Cause.BAD_GATEWAY, Cause.NOT_FOUND)),
                T0.plusSeconds(60), T0.plusSeconds(30), T0.plusSeconds(30));
        return new MonitorState(new Phase.Suspect(episode), Map.of("eu", failure("eu", 2, Cause.NOT_FOUND, 404)), Set.of(),
                Optional.empty(), Stability.CALM, Optional.of(T0.plusSeconds(2)));
    }

    private static MonitorState downWithEverySetField() {
        Incident incident = new Incident(T0, T0.plusSeconds(5), Cause.BAD_GATEWAY, Severity.CRITICAL, Set.of("eu", "us"),
                true, true, Optional.of(Severity.WARNING));
        RecoveryProgress recovery = new RecoveryProgress(1, Set.of("eu"), Set.of("eu"), Optional.of(T0.plusSeconds(40)));
        Stability stability = new Stability(List.of(T0.plusSeconds(5), T0.plusSeconds(6)), List.of(T0.minusSeconds(60)),
                Optional.of(new Stability.Flapping(T0.plusSeconds(6), Severity.CRITICAL)), Optional.of(T0.minusSeconds(30)));
        return new MonitorState(new Phase.Down(incident, recovery, 1),
                Map.of("eu", failure("eu", 40, Cause.CONNECTION_REFUSED, 0),
                        "us", new RegionResult("us", T0.plusSeconds(41), Verdict.of(Cause.SLOW_RESPONSE), 200)),
                Set.of("ap"), Optional.of(T0.plusSeconds(30)), stability, Optional.of(T0.plusSeconds(41)));
    }

    /** A state as the engine leaves it, rather than as a test builds it. */
    private static MonitorState engineDrivenDown() {
        IncidentEngine engine = new IncidentEngine(ConfirmPolicy.DEFAULT, Set.of("eu", "us"));
        MonitorState state = MonitorState.initial();
        for (Event event : List.<Event>of(failure("eu", 0, Cause.GATEWAY_TIMEOUT, 504), failure("us", 1, Cause.GATEWAY_TIMEOUT, 504),
                new RegionResult("eu", T0.plusSeconds(10), new Verdict.Up(), 200),
                new Event.MaintenanceStarted(T0.plusSeconds(11)))) {
            state = engine.apply(state, event).state();
        }
        assertThat(state.openIncident()).isPresent();
        return state;
    }

    private static RegionResult failure(String region, int second, Cause cause, int status) {
        return new RegionResult(region, T0.plusSeconds(second), Verdict.of(cause), status);
    }
}
