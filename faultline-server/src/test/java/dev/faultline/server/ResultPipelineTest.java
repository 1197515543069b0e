package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.cdn.CdnWatch;
import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.incident.ProbeHealth;
import dev.faultline.incidents.ConfirmPolicies;
import dev.faultline.incidents.IncidentService;
import dev.faultline.incidents.StripedExecutor;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.metrics.CheckCounters;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import dev.faultline.regions.RegionWatch;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.trend.MaskedOutage;
import dev.faultline.trend.StaleCache;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A side step of the result's path failing (here the Retry-After back-off) does not keep the result from the incident engine. */
class ResultPipelineTest {

    @TempDir
    Path dir;

    @Test
    void aFailingSideStepStillLetsTheIncidentEngineHearTheResult() throws Exception {
        try (Store store = Store.open(StoreSettings.sqlite(dir));
             StripedExecutor stripes = new StripedExecutor(2, "test-incidents", Duration.ofSeconds(30))) {
            LatestResults latest = new LatestResults();
            IncidentService incidents = new IncidentService(Clock.systemUTC(), store, (id, regions) -> {}, (handle, request) -> {},
                    (at, task) -> {}, stripes, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            incidents.replaceMonitors(List.of(new Monitor("api", MonitorSpec.builder(URI.create("https://api.example.com/")).name("api")
                    .build(), List.of("local"), List.of(), List.of(), Monitor.Source.CONFIG)));
            RegionWatch regions = new RegionWatch(ProbeHealth.Policy.DEFAULT, latest, Clock.systemUTC(), (region, reason, cause, at) -> {});
            ResultPipeline pipeline = new ResultPipeline("local", latest, new CheckCounters(),
                    new CdnWatch(latest, id -> id, MaskedOutage.DEFAULT, StaleCache.DEFAULT), store.writer(),
                    () -> { throw new IllegalStateException("no back-off yet"); }, incidents, regions);

            pipeline.acceptStored(new CheckResult("api", "local", URI.create("https://api.example.com/"), Instant.now(),
                    PhaseTimings.totalOnly(Duration.ofMillis(3)), 502, Map.of(), 2, "", List.of(), Verdict.of(Cause.ofUnexpectedStatus(502)),
                    Optional.empty(), Optional.empty(), ""));
            stripes.close();

            assertThat(latest.byRegion("api")).containsKey("local");
            assertThat(store.states().loadAll()).isNotEmpty(); // the incident engine took the failure
        }
    }
}
