package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

class IncidentRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00.123456Z");

    @DatabaseTest
    void anOpenedIncidentReadsBackWithEveryField(TestDatabase db) {
        IncidentRepository incidents = db.open().incidents();
        Incident incident = new Incident(T0, T0.plusSeconds(3), Cause.BAD_GATEWAY, Severity.CRITICAL, Set.of("us", "eu"),
                true, false, Optional.empty());

        long id = incidents.open("api", "API", incident);

        IncidentRecord stored = incidents.find(id).orElseThrow();
        assertThat(stored).isEqualTo(new IncidentRecord(id, "api", "API", IncidentRecord.State.OPEN, Cause.BAD_GATEWAY,
                Severity.CRITICAL, List.of("eu", "us"), T0, T0.plusSeconds(3), Optional.empty(), Optional.empty(),
                Optional.empty(), false, true));
        assertThat(stored.fault().id()).isEqualTo("server");
        assertThat(incidents.openFor("api")).containsExactly(stored);
        assertThat(incidents.find(id + 1)).isEmpty();
    }

    @DatabaseTest
    void escalatingMarkingAndResolvingChangeTheStoredIncident(TestDatabase db) {
        Store store = db.open();
        IncidentRepository incidents = store.incidents();
        Incident warning = new Incident(T0, T0.plusSeconds(3), Cause.NOT_FOUND, Severity.WARNING, Set.of("eu"), false, false,
                Optional.empty());
        long id = incidents.open("api", "API", warning);

        store.inTransaction(handle -> {
            incidents.escalate(handle, id, new Incident(T0, T0.plusSeconds(3), Cause.INTERNAL_SERVER_ERROR, Severity.CRITICAL,
                    Set.of("eu", "us"), false, false, Optional.empty()));
            incidents.markStartedBeforeMaintenance(handle, id);
            return null;
        });
        incidents.resolve(id, Optional.of(T0.plusSeconds(90)), T0.plusSeconds(120), IncidentRecord.RECOVERED);
        incidents.resolve(id, Optional.empty(), T0.plusSeconds(500), "abandoned"); // already resolved: no change

        IncidentRecord stored = incidents.find(id).orElseThrow();
        assertThat(stored.state()).isEqualTo(IncidentRecord.State.RESOLVED);
        assertThat(stored.cause()).isEqualTo(Cause.INTERNAL_SERVER_ERROR);
        assertThat(stored.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(stored.regions()).containsExactly("eu", "us");
        assertThat(stored.startedBeforeMaintenance()).isTrue();
        assertThat(stored.resolvedAt()).contains(T0.plusSeconds(120));
        assertThat(stored.resolution()).contains(IncidentRecord.RECOVERED);
        assertThat(stored.downFor()).contains(Duration.ofSeconds(90));
        assertThat(incidents.openFor("api")).isEmpty();
    }

    @DatabaseTest
    void listsNewestFirstPagedByIdAndFilteredByState(TestDatabase db) {
        IncidentRepository incidents = db.open().incidents();
        long first = incidents.open("a", "A", incident(0));
        long second = incidents.open("b", "B", incident(10));
        long third = incidents.open("c", "C", incident(20));
        incidents.resolve(second, Optional.of(T0.plusSeconds(15)), T0.plusSeconds(16), IncidentRecord.RECOVERED);

        assertThat(incidents.list(2, Optional.empty(), Optional.empty())).extracting(IncidentRecord::id).containsExactly(third, second);
        assertThat(incidents.list(2, Optional.of(second), Optional.empty())).extracting(IncidentRecord::id).containsExactly(first);
        assertThat(incidents.list(10, Optional.empty(), Optional.of(IncidentRecord.State.OPEN)))
                .extracting(IncidentRecord::id).containsExactly(third, first);
        assertThat(incidents.list(10, Optional.empty(), Optional.of(IncidentRecord.State.RESOLVED)))
                .extracting(IncidentRecord::id).containsExactly(second);
    }

    @DatabaseTest
    void theTimelineKeepsItsEntriesInOrderWithTheirJson(TestDatabase db) {
        IncidentRepository incidents = db.open().incidents();
        long id = incidents.open("api", "API", incident(0));
        long other = incidents.open("web", "Web", incident(0));
        incidents.append(id, new TimelineEntry(T0, "check", "{\"region\":\"local\",\"status\":502}"));
        incidents.append(other, new TimelineEntry(T0, "check", "{}"));
        incidents.append(id, new TimelineEntry(T0.plusSeconds(1), "opened", "{\"cause\":\"bad_gateway\",\"regions\":[\"local\"]}"));

        assertThat(incidents.timeline(id)).extracting(TimelineEntry::kind).containsExactly("check", "opened");
        assertThat(incidents.timeline(id).get(0).at()).isEqualTo(T0);
        assertThat(incidents.timeline(id).get(1).details()).contains("\"bad_gateway\"").contains("\"local\"");
    }

    private static Incident incident(int second) {
        return new Incident(T0.plusSeconds(second), T0.plusSeconds(second + 1), Cause.BAD_GATEWAY, Severity.CRITICAL,
                Set.of("local"), false, false, Optional.empty());
    }
}
