package dev.faultline.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.check.Verdict;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.FailureEpisode;
import dev.faultline.incident.Incident;
import dev.faultline.incident.MonitorState;
import dev.faultline.incident.Phase;
import dev.faultline.incident.RecoveryProgress;
import dev.faultline.incident.Stability;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored form of the incident engine's {@link MonitorState}: plain JSON values (instants as
 * ISO-8601 text, causes and severities by their ids, absent values as null), written and read
 * field by field so that the core's records need no Jackson annotations. {@code version} lets a
 * later shape read an older one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MonitorStateJson(int version, PhaseJson phase, Map<String, ResultJson> latestByRegion,
                               List<String> unhealthyRegions, String maintenanceSince, StabilityJson stability,
                               String latestEventAt) {

    public static final int VERSION = 1;

    public static MonitorStateJson of(MonitorState state) {
        Map<String, ResultJson> latest = new TreeMap<>();
        state.latestByRegion().forEach((region, result) -> latest.put(region, ResultJson.of(result)));
        return new MonitorStateJson(VERSION, PhaseJson.of(state.phase()), latest, List.copyOf(state.unhealthyRegions()),
                text(state.maintenanceSince()), StabilityJson.of(state.stability()), text(state.latestEventAt()));
    }

    public MonitorState toState() {
        if (version != VERSION) throw new IllegalArgumentException("version: cannot read a stored state of version " + version);
        Map<String, RegionResult> latest = new LinkedHashMap<>();
        latestByRegion.forEach((region, result) -> latest.put(region, result.toResult(region)));
        return new MonitorState(phase.toPhase(), latest, Set.copyOf(unhealthyRegions), instant(maintenanceSince),
                stability.toStability(), instant(latestEventAt));
    }

    /** The latest result of one region, as far as the engine keeps it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ResultJson(String at, String cause, int status) {
        static ResultJson of(RegionResult result) {
            return new ResultJson(result.at().toString(), result.verdict().cause().id(), result.status());
        }

        RegionResult toResult(String region) {
            return new RegionResult(region, Instant.parse(at), Verdict.of(causeOf(cause)), status);
        }
    }

    /** Up, suspect (with its episode) or down (with its incident and recovery). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = PhaseJson.Up.class, name = "up"),
            @JsonSubTypes.Type(value = PhaseJson.Suspect.class, name = "suspect"),
            @JsonSubTypes.Type(value = PhaseJson.Down.class, name = "down")})
    public sealed interface PhaseJson {

        Phase toPhase();

        static PhaseJson of(Phase phase) {
            return switch (phase) {
                case Phase.Up up -> new Up();
                case Phase.Suspect suspect -> new Suspect(EpisodeJson.of(suspect.episode()));
                case Phase.Down down -> new Down(IncidentJson.of(down.incident()), RecoveryJson.of(down.recovery()),
                        down.criticalFailures());
            };
        }

        record Up() implements PhaseJson {
            @Override
            public Phase toPhase() {
                return new Phase.Up();
            }
        }

        record Suspect(EpisodeJson episode) implements PhaseJson {
            @Override
            public Phase toPhase() {
                return new Phase.Suspect(episode.toEpisode());
            }
        }

        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Down(IncidentJson incident, RecoveryJson recovery, int criticalFailures) implements PhaseJson {
            @Override
            public Phase toPhase() {
                return new Phase.Down(incident.toIncident(), recovery.toProgress(), criticalFailures);
            }
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EpisodeJson(String startedAt, String lastFailureAt, Map<String, List<String>> failuresByRegion,
                              String periodEndsAt, String roundClosesAt, String deadline) {
        static EpisodeJson of(FailureEpisode e) {
            return new EpisodeJson(e.startedAt().toString(), e.lastFailureAt().toString(), causeIds(e.failuresByRegion()),
                    e.periodEndsAt().toString(), e.roundClosesAt().toString(), e.deadline().toString());
        }

        FailureEpisode toEpisode() {
            return new FailureEpisode(Instant.parse(startedAt), Instant.parse(lastFailureAt), causes(failuresByRegion),
                    Instant.parse(periodEndsAt), Instant.parse(roundClosesAt), Instant.parse(deadline));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IncidentJson(String startedAt, String openedAt, String cause, String severity, List<String> confirmingRegions,
                               boolean openedInMaintenance, boolean startedBeforeMaintenance, String announcedAs) {
        static IncidentJson of(Incident i) {
            return new IncidentJson(i.startedAt().toString(), i.openedAt().toString(), i.cause().id(), i.severity().id(),
                    List.copyOf(i.confirmingRegions()), i.openedInMaintenance(), i.startedBeforeMaintenance(),
                    i.announcedAs().map(Severity::id).orElse(null));
        }

        Incident toIncident() {
            return new Incident(Instant.parse(startedAt), Instant.parse(openedAt), causeOf(cause), severityOf(severity),
                    Set.copyOf(confirmingRegions), openedInMaintenance, startedBeforeMaintenance,
                    Optional.ofNullable(announcedAs).map(MonitorStateJson::severityOf));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryJson(int rounds, List<String> reportedThisRound, List<String> failedThisRound, String since) {
        static RecoveryJson of(RecoveryProgress r) {
            return new RecoveryJson(r.rounds(), List.copyOf(r.reportedThisRound()), List.copyOf(r.failedThisRound()),
                    text(r.since()));
        }

        RecoveryProgress toProgress() {
            return new RecoveryProgress(rounds, Set.copyOf(reportedThisRound), Set.copyOf(failedThisRound), instant(since));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StabilityJson(List<String> transitions, List<String> blips, String flappingSince, String flappingSeverity,
                                String instabilityWarnedAt) {
        static StabilityJson of(Stability s) {
            return new StabilityJson(s.transitions().stream().map(Instant::toString).toList(),
                    s.blips().stream().map(Instant::toString).toList(),
                    s.flapping().map(f -> f.since().toString()).orElse(null),
                    s.flapping().map(f -> f.severity().id()).orElse(null), text(s.instabilityWarnedAt()));
        }

        Stability toStability() {
            Optional<Stability.Flapping> flapping = Optional.ofNullable(flappingSince)
                    .map(since -> new Stability.Flapping(Instant.parse(since), severityOf(flappingSeverity)));
            return new Stability(transitions.stream().map(Instant::parse).toList(), blips.stream().map(Instant::parse).toList(),
                    flapping, instant(instabilityWarnedAt));
        }
    }

    /** Region to the ids of its failures' causes, in order: how blips and episodes are written. */
    public static Map<String, List<String>> causeIds(Map<String, List<Cause>> byRegion) {
        Map<String, List<String>> ids = new TreeMap<>();
        byRegion.forEach((region, causes) -> ids.put(region, causes.stream().map(Cause::id).toList()));
        return ids;
    }

    public static Map<String, List<Cause>> causes(Map<String, List<String>> byRegion) {
        Map<String, List<Cause>> causes = new TreeMap<>();
        byRegion.forEach((region, ids) -> causes.put(region, ids.stream().map(MonitorStateJson::causeOf).toList()));
        return causes;
    }

    private static Cause causeOf(String id) {
        return Cause.fromId(id).orElseThrow(() -> new IllegalArgumentException("cause: unknown cause '" + id + "'"));
    }

    private static Severity severityOf(String id) {
        return Severity.valueOf(id.toUpperCase(Locale.ROOT));
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }
}
