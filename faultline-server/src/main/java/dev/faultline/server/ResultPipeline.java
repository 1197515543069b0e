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

/**
 * The one path every check result takes, the server's own and its agents' alike: the latest
 * results, the counters, the CDN watch, the store, the region watch and the incident engine; a
 * canary's result goes to the region watch alone. A Retry-After defers the server's own
 * scheduler only: an agent honours it by itself.
 */
final class ResultPipeline {

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
        latest.record(result);
        counters.count(result);
        cdn.onResult(result);
        if (store) writer.submit(result);
        if (result.region().equals(ownRegion)) backoffs.get().apply(result);
        regions.observe(result); // first: a region this result shows to be at fault must not count it
        incidents.accept(result);
    }
}
