package dev.faultline.server;

import dev.faultline.cdn.CdnWatch;
import dev.faultline.check.CheckResult;
import dev.faultline.incidents.IncidentService;
import dev.faultline.metrics.CheckCounters;
import dev.faultline.monitor.LatestResults;
import dev.faultline.probe.Canaries;
import dev.faultline.regions.RegionWatch;
import dev.faultline.store.ResultWriter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every check result takes, the server's own and its agents' alike: the latest
 * results, the counters, the CDN watch, the store, the region watch and the incident engine; a
 * canary's result goes to the region watch alone. A Retry-After defers the server's own
 * scheduler only: an agent honours it by itself.
 */
final class ResultPipeline {

    private static final Logger log = LoggerFactory.getLogger(ResultPipeline.class);

    private final String ownRegion;
    private final LatestResults latest;
    private final CheckCounters counters;
    private final CdnWatch cdn;
    private final ResultWriter writer;
    private final Supplier<RetryAfterBackoffs> backoffs;
    private final IncidentService incidents;
    private final RegionWatch regions;

    ResultPipeline(String ownRegion, LatestResults latest, CheckCounters counters, CdnWatch cdn, ResultWriter writer,
                   Supplier<RetryAfterBackoffs> backoffs, IncidentService incidents, RegionWatch regions) {
        this.regions = regions;
        this.ownRegion = ownRegion;
        this.latest = latest;
        this.counters = counters;
        this.cdn = cdn;
        this.writer = writer;
        this.backoffs = backoffs;
        this.incidents = incidents;
    }

    /** A result not stored yet: queued for the store's writer on the way. */
    void accept(CheckResult result) {
        take(result, true);
    }

    /** A result already stored (an agent's batch is written once, with its id, before it comes here). */
    void acceptStored(CheckResult result) {
        take(result, false);
    }

    private void take(CheckResult result, boolean store) {
        // A canary is no monitor: it only tells whether its region can be trusted.
        if (Canaries.isCanary(result)) {
            regions.canary(result);
            return;
        }
        // No side step may keep the result from the incident engine: each failure is logged and passed over.
        guarded("latest results", result, () -> latest.record(result));
        guarded("counters", result, () -> counters.count(result));
        guarded("CDN watch", result, () -> cdn.onResult(result));
        if (store) guarded("store writer", result, () -> writer.submit(result));
        if (result.region().equals(ownRegion)) guarded("Retry-After back-off", result, () -> backoffs.get().apply(result));
        guarded("region watch", result, () -> regions.observe(result)); // first: a region this result shows to be at fault must not count it
        incidents.accept(result);
    }

    private static void guarded(String step, CheckResult result, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("the {} failed on a result of monitor {} from region {}; the result goes on to the incident engine",
                    step, result.monitor(), result.region(), e);
        }
    }
}
