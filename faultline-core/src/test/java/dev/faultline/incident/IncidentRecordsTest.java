package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Fault;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Severity;
import dev.faultline.check.Verdict;
import dev.faultline.incident.Action.OpenIncident;
import dev.faultline.incident.Action.RecordBlip;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Event.RegionResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.faultline.incident.Script.at;
import static org.assertj.core.api.Assertions.assertThat;

/** What the stored records carry: incidents, resolutions and blips. */
class IncidentRecordsTest {

    @Test
    void anOpenedIncidentCarriesItsCauseFaultRegionsAndTimes() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, "eu", "us", "ap");

        Step step = monitor.run("eu 502 @0; us 502 @1.5; ap ok @1.6; eu 502 @2");

        Incident incident = ((OpenIncident) monitor.steps().get(1).actions().get(0)).incident();
        assertThat(incident.startedAt()).isEqualTo(at(0));
        assertThat(incident.openedAt()).isEqualTo(at(1.5));
        assertThat(incident.cause()).isEqualTo(Cause.BAD_GATEWAY);
        assertThat(incident.fault()).isEqualTo(Fault.SERVER);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.confirmingRegions()).containsExactly("eu", "us");
        assertThat(incident.announcedAs()).contains(Severity.CRITICAL);
        assertThat(monitor.state().openIncident()).hasValueSatisfying(open -> assertThat(open.startedAt()).isEqualTo(at(0)));
        assertThat(step.actions()).isEmpty();
    }

    @Test
    void theIncidentCauseIsTheOneMostRegionsSee() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT.withQuorum(3), "a", "b", "c");

        monitor.run("a 504 @0; b 503 @1; c 504 @2");

        assertThat(monitor.state().openIncident().orElseThrow().cause()).isEqualTo(Cause.GATEWAY_TIMEOUT);
    }

    @Test
    void aResolutionSaysWhenTheServiceCameBackAndHowLongItWasDown() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, "a", "b");

        Step last = monitor.run("a 500 @10; b 500 @11; a ok @70; b ok @71; a ok @130; b ok @131");

        ResolveIncident resolve = (ResolveIncident) last.actions().get(0);
        assertThat(resolve.incident().startedAt()).isEqualTo(at(10));
        assertThat(resolve.recoveredAt()).isEqualTo(at(70));
        assertThat(resolve.resolvedAt()).isEqualTo(at(131));
        assertThat(resolve.downFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(monitor.state().openIncident()).isEmpty();
    }

    @Test
    void aBlipKeepsTheRegionsTheirCausesInOrderAndHowLongItFailed() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT.withPeriod(Duration.ofSeconds(60)), "a", "b", "c");

        Step last = monitor.run("a 500 @0; b 502 @0.4; a 503 @0.6; a ok @5; b ok @5");

        Blip blip = ((RecordBlip) last.actions().get(0)).blip();
        assertThat(blip.failuresByRegion()).isEqualTo(Map.of(
                "a", List.of(Cause.INTERNAL_SERVER_ERROR, Cause.SERVICE_UNAVAILABLE),
                "b", List.of(Cause.BAD_GATEWAY)));
        assertThat(blip.regions()).containsExactly("a", "b");
        assertThat(blip.startedAt()).isEqualTo(at(0));
        assertThat(blip.endedAt()).isEqualTo(at(5));
        assertThat(blip.failingFor()).isEqualTo(Duration.ofMillis(600));
        assertThat(blip.duringMaintenance()).isFalse();
    }

    @Test
    void aWarningIncidentAlwaysHasAClientSideCause() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, "a", "b", "c");

        monitor.run("a 500 @0; b 401 @1");

        Incident incident = monitor.state().openIncident().orElseThrow();
        assertThat(incident.severity()).isEqualTo(Severity.WARNING);
        assertThat(incident.fault()).isEqualTo(Fault.CLIENT);
        assertThat(incident.cause()).isEqualTo(Cause.UNAUTHORIZED);
        assertThat(incident.confirmingRegions()).containsExactly("a", "b");
    }

    @Test
    void anIncidentThatStartedBeforeMaintenanceIsMarkedSo() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, "a", "b");

        monitor.run("a 500 @0; b 500 @1; maintenance on @5");

        Incident incident = monitor.state().openIncident().orElseThrow();
        assertThat(incident.startedBeforeMaintenance()).isTrue();
        assertThat(incident.openedInMaintenance()).isFalse();
    }

    @Test
    void anIncidentWhoseFailureBeganBeforeTheWindowButOpenedInItIsMarkedBoth() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, "a", "b");

        monitor.run("a 500 @0; maintenance on @0.5; b 500 @1");

        Incident incident = monitor.state().openIncident().orElseThrow();
        assertThat(incident.openedInMaintenance()).isTrue();
        assertThat(incident.startedBeforeMaintenance()).isTrue();
        assertThat(incident.announcedAs()).isEmpty();
    }

    @Test
    void aRegionResultIsReadFromACheckResult() {
        CheckResult check = new CheckResult("api", "eu", URI.create("https://api.example.com/health"), at(3),
                PhaseTimings.totalOnly(Duration.ofMillis(40)), 503, Map.of(), 0, "", List.of(),
                new Verdict.Down(Cause.SERVICE_UNAVAILABLE), Optional.empty(), Optional.empty(), "");

        RegionResult result = RegionResult.of(check);

        assertThat(result).isEqualTo(new RegionResult("eu", at(3), new Verdict.Down(Cause.SERVICE_UNAVAILABLE), 503));
        assertThat(result.failed()).isTrue();
        assertThat(result.critical()).isTrue();
    }

    @Test
    void clientSideAndDegradedResultsAreNotCritical() {
        assertThat(new RegionResult("a", at(0), new Verdict.Down(Cause.NOT_FOUND), 404).critical()).isFalse();
        assertThat(new RegionResult("a", at(0), new Verdict.Degraded(Cause.SLOW_RESPONSE), 200).failed()).isFalse();
        assertThat(new RegionResult("a", at(0), new Verdict.Down(Cause.BODY_MISMATCH), 200).critical()).isTrue();
    }

    @Test
    void regionSetsComeOutSorted() {
        Monitor monitor = new Monitor(ConfirmPolicy.DEFAULT, Set.of("us", "ap", "eu"));

        Step step = monitor.run("us 500 @0");

        assertThat(((Action.RecheckNow) step.actions().get(0)).regions()).containsExactly("ap", "eu", "us");
    }
}
