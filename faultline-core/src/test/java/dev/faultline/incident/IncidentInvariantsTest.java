package dev.faultline.incident;

import dev.faultline.check.Fault;
import dev.faultline.check.Severity;
import dev.faultline.incident.Action.EscalateIncident;
import dev.faultline.incident.Action.Notify;
import dev.faultline.incident.Action.OpenIncident;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Event.RegionHealthChanged;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.Simulation.Check;
import dev.faultline.incident.Simulation.Entry;
import dev.faultline.incident.Simulation.Move;
import dev.faultline.incident.Simulation.Seen;
import dev.faultline.incident.Simulation.ToggleHealth;
import dev.faultline.testing.Coverage;
import dev.faultline.testing.Gen;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import static dev.faultline.testing.Gen.between;
import static dev.faultline.testing.Gen.frequency;
import static dev.faultline.testing.Gen.listOf;
import static dev.faultline.testing.Gen.weighted;
import static dev.faultline.testing.Gen.weightedBy;
import static dev.faultline.testing.Properties.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine's invariants over random sequences of regional results, with random
 * times, 1 to 4 regions, random policies, region health and maintenance windows, run through
 * a caller that delivers deadlines and answers re-checks as the server will. Each property runs
 * on generated scenarios through {@link dev.faultline.testing.Properties#forAll}, which tells how
 * to replay a failing one.
 */
class IncidentInvariantsTest {

    record Scenario(ConfirmPolicy policy, int regionCount, List<Move> moves) {
        List<Entry> play(boolean recoverAtEnd) {
            return new Simulation(policy, regionCount).play(moves, recoverAtEnd);
        }

        Scenario withMoves(UnaryOperator<List<Move>> change) {
            return new Scenario(policy, regionCount, change.apply(moves));
        }
    }

    @Test
    void noTwoOpensWithoutAResolveInBetween() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            Incident open = null;
            for (Action action : actions(scenario.play(false))) {
                switch (action) {
                    case OpenIncident opened -> {
                        assertThat(open).as("an incident is already open").isNull();
                        open = opened.incident();
                    }
                    case ResolveIncident resolved -> {
                        assertThat(open).as("resolving with no incident open").isNotNull();
                        assertThat(resolved.incident().startedAt()).isEqualTo(open.startedAt());
                        open = null;
                    }
                    default -> {
                    }
                }
            }
        });
    }

    private static final List<Transition> RARE_TRANSITIONS =
            List.of(Transition.FLAPPING, Transition.ESCALATED, Transition.INSTABILITY, Transition.MAINTENANCE_SUPPRESSED);

    @Test
    void everyOpenedIncidentIsResolvedExactlyOnceAfterRecovery() {
        Coverage coverage = new Coverage();
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            List<Entry> trace = scenario.play(true);

            List<Action> actions = actions(trace);
            long opens = actions.stream().filter(OpenIncident.class::isInstance).count();
            assertThat(actions.stream().filter(ResolveIncident.class::isInstance).count()).isEqualTo(opens);
            assertThat(trace.getLast().step().state().phase()).isEqualTo(new Phase.Up());
            int successes = 0;
            for (Entry entry : trace) {
                if (entry.event() instanceof RegionResult result && !result.failed()) successes++;
                for (Action action : entry.step().actions()) {
                    if (action instanceof OpenIncident) successes = 0;
                    if (action instanceof ResolveIncident) {
                        assertThat(successes).as("successes before the resolve").isGreaterThanOrEqualTo(scenario.policy().recovery());
                    }
                }
            }
            Set<Transition> heard = notifiedTransitions(trace);
            coverage.collect("incidents", opens == 0 ? "none" : opens == 1 ? "one" : "several");
            coverage.collect("blips", actions.stream().anyMatch(Action.RecordBlip.class::isInstance));
            for (Transition transition : RARE_TRANSITIONS) {
                coverage.collect(transition.name(), heard.contains(transition));
            }
        });

        // The scenarios reach what the invariants above are about, not only quiet monitors.
        coverage.requireMoreThan("incidents", "several", 10);
        coverage.requireMoreThan("blips", true, 30);
        for (Transition transition : RARE_TRANSITIONS) {
            coverage.requireMoreThan(transition.name(), true, 1);
        }
    }

    @Test
    void anIncidentOpensOnlyWhenAQuorumOfHealthyRegionsFailedWithinTheWindow() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            List<Entry> trace = scenario.play(false);
            for (int i = 0; i < trace.size(); i++) {
                for (Action action : trace.get(i).step().actions()) {
                    if (action instanceof OpenIncident open) {
                        Instant at = trace.get(i).at();
                        Set<String> healthy = healthyRegions(trace.subList(0, i + 1), scenario.regionCount());
                        Set<String> failed = regionsFailedWithin(trace.subList(0, i + 1), healthy, at.minus(scenario.policy().window()));
                        int quorum = Math.min(scenario.policy().quorum(), healthy.size());
                        assertThat(failed).as("healthy regions failing within the window").hasSizeGreaterThanOrEqualTo(Math.max(quorum, 1));
                        assertThat(open.incident().confirmingRegions()).hasSizeGreaterThanOrEqualTo(quorum).isSubsetOf(failed);
                    }
                }
            }
        });
    }

    @Test
    void anIncidentNeedsAFailureAndItsRecheck() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            int failuresSinceUp = 0;
            Set<String> unhealthy = new HashSet<>();
            for (Entry entry : scenario.play(false)) {
                if (entry.event() instanceof RegionHealthChanged change) {
                    if (change.healthy()) unhealthy.remove(change.region()); else unhealthy.add(change.region());
                }
                if (entry.event() instanceof RegionResult result && result.failed() && !unhealthy.contains(result.region())) {
                    failuresSinceUp++;
                }
                if (entry.step().actions().stream().anyMatch(OpenIncident.class::isInstance)) {
                    assertThat(failuresSinceUp).isGreaterThanOrEqualTo(2);
                }
                if (entry.step().state().phase() instanceof Phase.Up) failuresSinceUp = 0;
            }
        });
    }

    @Test
    void neverAnIncidentWhenFewerRegionsThanTheQuorumFail() {
        forAll(300, IncidentInvariantsTest::fewerFailingRegionsThanTheQuorum, scenario -> {
            List<Action> actions = actions(scenario.play(false));

            assertThat(actions).noneMatch(OpenIncident.class::isInstance);
        });
    }

    @Test
    void anUnhealthyRegionsFailuresNeverCount() {
        forAll(300, IncidentInvariantsTest::onlyAnUnhealthyRegionFails, scenario -> {
            List<Entry> trace = scenario.play(false);

            assertThat(trace).allSatisfy(entry -> assertThat(entry.step().state().phase()).isEqualTo(new Phase.Up()));
            assertThat(actions(trace)).noneMatch(action -> action instanceof Action.RecordBlip || action instanceof Action.RecheckNow);
        });
    }

    @Test
    void clientSideFailuresNeverPage() {
        forAll(300, IncidentInvariantsTest::onlyClientSideFailures, scenario -> {
            for (Action action : actions(scenario.play(true))) {
                switch (action) {
                    case Notify notify -> assertThat(notify.severity()).isNotEqualTo(Severity.CRITICAL);
                    case OpenIncident open -> assertThat(open.incident().severity()).isEqualTo(Severity.WARNING);
                    case EscalateIncident escalate -> throw new AssertionError("escalated on client-side failures: " + escalate);
                    default -> {
                    }
                }
            }
        });
    }

    @Test
    void aWarningIncidentIsExactlyAClientSideOne() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            for (Action action : actions(scenario.play(false))) {
                Incident incident = switch (action) {
                    case OpenIncident open -> open.incident();
                    case EscalateIncident escalate -> escalate.incident();
                    default -> null;
                };
                if (incident != null) {
                    assertThat(incident.severity() == Severity.WARNING).isEqualTo(incident.fault() == Fault.CLIENT);
                }
            }
        });
    }

    @Test
    void nothingNewPagesDuringMaintenance() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            for (Entry entry : scenario.play(false)) {
                if (!entry.step().state().inMaintenance()) continue;
                for (Notify notify : notifications(entry)) {
                    switch (notify.transition()) {
                        case RESOLVED, STABLE -> {
                            // closes what people heard before the window
                        }
                        case MAINTENANCE_SUPPRESSED -> assertThat(notify.severity()).isEqualTo(Severity.INFO);
                        case OPENED, ESCALATED, FLAPPING, INSTABILITY -> throw new AssertionError("paged in maintenance: " + notify);
                    }
                }
            }
        });
    }

    @Test
    void flappingAlertsOnceAndThenStaysQuietUntilStable() {
        forAll(400, IncidentInvariantsTest::scenarios, scenario -> {
            boolean flapping = false;
            int closedWhileFlapping = 0;
            for (Entry entry : scenario.play(true)) {
                for (Notify notify : notifications(entry)) {
                    switch (notify.transition()) {
                        case FLAPPING -> {
                            assertThat(flapping).as("a second FLAPPING alert").isFalse();
                            flapping = true;
                            closedWhileFlapping = 0;
                        }
                        case STABLE -> {
                            assertThat(flapping).as("STABLE without FLAPPING").isTrue();
                            flapping = false;
                        }
                        case OPENED, ESCALATED -> assertThat(flapping).as(notify + " while flapping").isFalse();
                        case RESOLVED -> closedWhileFlapping += flapping ? 1 : 0;
                        case INSTABILITY, MAINTENANCE_SUPPRESSED -> {
                        }
                    }
                }
                // At most the one page that was open when flapping began gets its resolution.
                assertThat(closedWhileFlapping).isLessThanOrEqualTo(1);
                assertThat(entry.step().state().status() == Status.FLAPPING).isEqualTo(flapping);
            }
        });
    }

    @Test
    void theSameEventsGiveTheSameSteps() {
        forAll(200, IncidentInvariantsTest::scenarios, scenario -> {
            List<Step> once = scenario.play(true).stream().map(Entry::step).toList();
            List<Step> again = scenario.play(true).stream().map(Entry::step).toList();

            assertThat(again).isEqualTo(once);
        });
    }

    // ---- generators

    static Scenario scenarios(RandomGenerator random) {
        return new Scenario(policies(random), between(random, 1, 4), moves(random));
    }

    static Scenario onlyClientSideFailures(RandomGenerator random) {
        return scenarios(random).withMoves(moves -> mapChecks(moves,
                check -> isCritical(check.seen()) ? new Check(check.region(), Seen.CLIENT_ERROR, check.gapMillis()) : check));
    }

    /** All regions healthy; only the first (quorum - 1) of them ever fail. */
    static Scenario fewerFailingRegionsThanTheQuorum(RandomGenerator random) {
        ConfirmPolicy policy = policies(random);
        int regions = between(random, 2, 4);
        List<Move> moves = moves(random);
        ConfirmPolicy needsTwo = policy.withQuorum(Math.max(2, policy.quorum()));
        int failing = Math.min(needsTwo.quorum(), regions) - 1;
        List<Move> fewer = mapChecks(withoutHealthChanges(moves),
                check -> check.region() % regions < failing ? check : new Check(check.region(), Seen.OK, check.gapMillis()));
        return new Scenario(needsTwo, regions, fewer);
    }

    /** Region r0 is unhealthy throughout and is the only one that fails. */
    static Scenario onlyAnUnhealthyRegionFails(RandomGenerator random) {
        Scenario scenario = scenarios(random);
        return scenario.withMoves(moves -> {
            List<Move> only = new ArrayList<>(List.of(new ToggleHealth(0, 0)));
            only.addAll(mapChecks(withoutHealthChanges(moves), check -> check.region() % scenario.regionCount() == 0
                    ? new Check(0, check.seen(), check.gapMillis()) : new Check(check.region(), Seen.OK, check.gapMillis())));
            return only;
        });
    }

    private static ConfirmPolicy policies(RandomGenerator random) {
        return new ConfirmPolicy(
                between(random, 1, 4),
                Duration.ofSeconds(between(random, 5, 60)),
                Gen.<Duration>frequency(random,
                        weighted(1, Duration.ZERO),
                        weightedBy(1, r -> Duration.ofSeconds(between(r, 1, 90)))),
                between(random, 1, 3),
                thresholds(random, 2, 6, 60, 900),
                thresholds(random, 2, 4, 600, 3600));
    }

    private static Threshold thresholds(RandomGenerator random, int minCount, int maxCount, int minSeconds, int maxSeconds) {
        return new Threshold(between(random, minCount, maxCount), Duration.ofSeconds(between(random, minSeconds, maxSeconds)));
    }

    private static List<Move> moves(RandomGenerator random) {
        return listOf(random, 10, 80, IncidentInvariantsTest::move);
    }

    private static Move move(RandomGenerator random) {
        return Gen.<Move>frequency(random,
                weightedBy(18, r -> new Check(region(r), seen(r), gap(r))),
                weightedBy(6, r -> new Simulation.Everywhere(seen(r), gap(r))),
                weightedBy(1, r -> new ToggleHealth(region(r), gap(r))),
                weightedBy(1, r -> new Simulation.ToggleMaintenance(gap(r))),
                weightedBy(1, r -> new Simulation.StrayDeadline(gap(r))));
    }

    private static long gap(RandomGenerator random) {
        return Gen.<Long>frequency(random,
                weightedBy(4, r -> between(r, 0L, 2_000L)),
                weightedBy(3, r -> between(r, 2_000L, 40_000L)),
                weightedBy(1, r -> between(r, 40_000L, 900_000L)));
    }

    private static Seen seen(RandomGenerator random) {
        return frequency(random,
                weighted(5, Seen.OK), weighted(1, Seen.SLOW), weighted(3, Seen.SERVER_ERROR), weighted(1, Seen.BAD_GATEWAY),
                weighted(2, Seen.CLIENT_ERROR), weighted(1, Seen.RATE_LIMITED), weighted(1, Seen.NETWORK));
    }

    private static int region(RandomGenerator random) {
        return between(random, 0, 3);
    }

    // ---- helpers

    private static boolean isCritical(Seen seen) {
        return seen.result("r", Script.T0).critical();
    }

    /** Rewrites every check; a check everywhere becomes one check per region, so that each can be rewritten. */
    private static List<Move> mapChecks(List<Move> moves, UnaryOperator<Check> change) {
        return moves.stream().flatMap(move -> switch (move) {
            case Check check -> Stream.of(change.apply(check));
            case Simulation.Everywhere everywhere -> Stream.of(0, 1, 2, 3)
                    .map(region -> change.apply(new Check(region, everywhere.seen(), region == 0 ? everywhere.gapMillis() : 10)));
            default -> Stream.of(move);
        }).toList();
    }

    private static List<Move> withoutHealthChanges(List<Move> moves) {
        return moves.stream().filter(move -> !(move instanceof ToggleHealth)).toList();
    }

    private static List<Action> actions(List<Entry> trace) {
        return trace.stream().flatMap(entry -> entry.step().actions().stream()).toList();
    }

    private static Set<Transition> notifiedTransitions(List<Entry> trace) {
        Set<Transition> heard = new HashSet<>();
        trace.forEach(entry -> notifications(entry).forEach(notify -> heard.add(notify.transition())));
        return heard;
    }

    private static List<Notify> notifications(Entry entry) {
        return entry.step().actions().stream().flatMap(action -> action instanceof Notify notify ? Stream.of(notify) : Stream.empty()).toList();
    }

    private static Set<String> healthyRegions(List<Entry> trace, int regionCount) {
        Set<String> healthy = new HashSet<>(Simulation.regionNames(regionCount));
        for (Entry entry : trace) {
            if (entry.event() instanceof RegionHealthChanged change) {
                if (change.healthy()) healthy.add(change.region()); else healthy.remove(change.region());
            }
        }
        return healthy;
    }

    /** Regions healthy now that failed at or after {@code since}, while healthy and without a health change since. */
    private static Set<String> regionsFailedWithin(List<Entry> trace, Set<String> healthy, Instant since) {
        Set<String> failed = new HashSet<>();
        for (Entry entry : trace) {
            switch (entry.event()) {
                case RegionHealthChanged change -> failed.remove(change.region());
                case RegionResult result when result.failed() && healthy.contains(result.region())
                        && !result.at().isBefore(since) -> failed.add(result.region());
                default -> {
                }
            }
        }
        return failed;
    }
}
