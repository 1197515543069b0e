package dev.faultline.regions;

import dev.faultline.check.CheckResult;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes a batch of results from a region's agent: stores it once (its id in the same transaction),
 * then sends each result down the same path as the server's own ({@code pipeline}: latest,
 * counters, CDN watch, incidents). Results for monitors no longer assigned to the region are
 * left out and counted as ignored.
 */
public final class AgentResults {

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
        List<CheckResult> assigned = results.stream().filter(r -> desk.assigned(region, r.monitor())).toList();
        int ignored = results.size() - assigned.size();
        if (!store.writeAgentBatch(batchId, region, assigned, clock.instant())) {
            return new Receipt(batchId, 0, ignored, true);
        }
        desk.received(region, assigned.size());
        assigned.forEach(pipeline);
        return new Receipt(batchId, assigned.size(), ignored, false);
    }
}
