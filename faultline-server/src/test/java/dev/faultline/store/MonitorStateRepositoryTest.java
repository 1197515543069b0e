package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.Verdict;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.IncidentEngine;
import dev.faultline.incident.MonitorState;
import java.time.Instant;
import java.util.Set;

class MonitorStateRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @DatabaseTest
    void aSavedStateIsReplacedByTheNextAndSurvivesReopeningTheStore(TestDatabase db) {
        IncidentEngine engine = new IncidentEngine(ConfirmPolicy.DEFAULT, Set.of("local"));
        MonitorState suspect = engine.apply(MonitorState.initial(), failure(0)).state();
        MonitorState down = engine.apply(suspect, failure(1)).state();
        try (Store store = Store.open(db.settings())) {
            store.states().save("api", suspect, T0);
            store.states().save("api", down, T0.plusSeconds(1));
            store.states().save("web", MonitorState.initial(), T0);
        }

        Store reopened = db.open();

        assertThat(reopened.states().loadAll()).containsOnlyKeys("api", "web").containsEntry("api", down);
        assertThat(reopened.states().loadAll().get("api").openIncident()).isPresent();
        reopened.states().delete("web");
        assertThat(reopened.states().loadAll()).containsOnlyKeys("api");
    }

    @DatabaseTest
    void anUnreadableStateIsLeftOutRatherThanStoppingTheServer(TestDatabase db) {
        Store store = db.open();
        store.states().save("api", MonitorState.initial(), T0);
        db.sql().useHandle(h -> h.execute("INSERT INTO monitor_states (monitor_id, state, saved_at_us) VALUES ('web', '{\"version\": 99}', 0)"));

        assertThat(store.states().loadAll()).containsOnlyKeys("api");
    }

    private static RegionResult failure(int second) {
        return new RegionResult("local", T0.plusSeconds(second), Verdict.of(Cause.BAD_GATEWAY), 502);
    }
}
