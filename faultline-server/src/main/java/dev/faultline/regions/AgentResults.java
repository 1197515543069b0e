package dev.faultline.regions;

import dev.faultline.check.CheckResult;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.probe.Canaries;
import dev.faultline.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a batch of results from a region's agent: stores it once (its id in the same transaction),
 * then sends each result down the same path as the server's own ({@code pipeline}: latest,
 * counters, CDN watch, region watch, incidents). Results for monitors no longer assigned to the
 * region are left out and counted as ignored; canary results are not stored, only heard.
 */
public final class AgentResults {

    private static final Logger log = LoggerFactory.getLogger(AgentResults.class);

    private final Store store;
    private final AgentDesk desk;
    private final Consumer<CheckResult> pipeline;
    private final Clock clock;

    public AgentResults(Store store, AgentDesk desk, Consumer<CheckResult> pipeline, Clock clock) {
        this.store = store;
        this.desk = desk;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public Receipt take(String region, String batchId, List<CheckResult> results) {
        // Canary results are not stored, but go down the pipeline in their place among the others.
        List<CheckResult> kept = results.stream().filter(r -> Canaries.isCanary(r) || desk.assigned(region, r.monitor())).toList();
        List<CheckResult> stored = kept.stream().filter(r -> !Canaries.isCanary(r)).toList();
        int ignored = results.size() - kept.size();
        if (!store.writeAgentBatch(batchId, region, stored, clock.instant())) {
            return new Receipt(batchId, 0, ignored, true);
        }
        desk.received(region, stored.size());
        // The batch is stored and a retry of it is ignored: one result failing must not keep the rest from the pipeline.
        for (CheckResult result : kept) {
            try {
                pipeline.accept(result);
            } catch (RuntimeException e) {
                log.error("a result of monitor {} from region {} (batch {}) failed in the pipeline; the batch's others go on",
                        result.monitor(), region, batchId, e);
            }
        }
        return new Receipt(batchId, stored.size(), ignored, false);
    }
}
