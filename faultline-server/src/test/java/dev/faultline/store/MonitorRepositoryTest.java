package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.check.Assertion;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.StatusSet;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

class MonitorRepositoryTest {

    @DatabaseTest
    void aStoredMonitorReadsBackEqualWithEveryField(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        Monitor full = full("checkout");

        monitors.insert(full);

        assertThat(monitors.find("checkout").map(Revised::monitor)).contains(full);
        assertThat(monitors.find("nothing")).isEmpty();
    }

    @DatabaseTest
    void aSecondMonitorWithTheSameIdIsRefused(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        monitors.insert(simple("api", "https://api.example.com/"));

        assertThatThrownBy(() -> monitors.insert(simple("api", "https://other.example.com/")))
                .isInstanceOf(DuplicateMonitorException.class)
                .hasMessage("a monitor with the id 'api' already exists")
                .satisfies(e -> assertThat(((DuplicateMonitorException) e).id()).isEqualTo("api"));
        assertThat(monitors.find("api").orElseThrow().monitor().spec().url()).isEqualTo(URI.create("https://api.example.com/"));
    }

    @DatabaseTest
    void updateReplacesAndDeleteRemoves(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        monitors.insert(simple("api", "https://api.example.com/"));
        Monitor changed = simple("api", "https://api.example.com/v2/health");

        assertThat(monitors.update(changed, ExpectedRevision.ANY)).isInstanceOf(RevisionWrite.Written.class);
        assertThat(monitors.find("api").map(Revised::monitor)).contains(changed);
        assertThat(monitors.update(simple("ghost", "https://ghost.example.com/"), ExpectedRevision.ANY))
                .isInstanceOf(RevisionWrite.Missing.class);
        assertThat(monitors.delete("api", ExpectedRevision.ANY)).isInstanceOf(RevisionWrite.Written.class);
        assertThat(monitors.delete("api", ExpectedRevision.ANY)).isInstanceOf(RevisionWrite.Missing.class);
        assertThat(monitors.find("api")).isEmpty();
    }

    @DatabaseTest
    void aPausedMonitorStaysPausedUntilResumedAndAnUpdateKeepsTheFlag(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        monitors.insert(simple("api", "https://api.example.com/"));
        monitors.insert(simple("web", "https://web.example.com/"));

        assertThat(monitors.setPaused("api", true)).isTrue();
        assertThat(monitors.update(simple("api", "https://api.example.com/v2"), ExpectedRevision.ANY))
                .isInstanceOf(RevisionWrite.Written.class);
        assertThat(monitors.pausedIds()).containsExactly("api");
        assertThat(monitors.setPaused("ghost", true)).isFalse();
        assertThat(monitors.setPaused("api", false)).isTrue();
        assertThat(monitors.pausedIds()).isEmpty();
    }

    @DatabaseTest
    void listPagesThroughMonitorsInIdOrder(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        for (String id : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            monitors.insert(simple(id, "https://" + id + ".example.com/"));
        }

        assertThat(monitors.list(2, Optional.empty())).extracting(r -> r.monitor().id()).containsExactly("alpha", "bravo");
        assertThat(monitors.list(2, Optional.of("bravo"))).extracting(r -> r.monitor().id()).containsExactly("charlie", "delta");
        assertThat(monitors.list(2, Optional.of("delta"))).extracting(r -> r.monitor().id()).containsExactly("echo");
        assertThat(monitors.all()).extracting(r -> r.monitor().id()).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
    }

    @DatabaseTest
    void configFileMonitorsAreNotStored(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        Monitor fromFile = new Monitor("api", simple("api", "https://api.example.com/").spec(), List.of("local"), List.of(),
                List.of(), Monitor.Source.CONFIG);

        assertThatThrownBy(() -> monitors.insert(fromFile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config file");
    }

    static Monitor simple(String id, String url) {
        return new Monitor(id, MonitorSpec.builder(URI.create(url)).name(id).build(), List.of("local"), List.of(), List.of(),
                Monitor.Source.API);
    }

    /** A monitor with every field away from its default, assertions in the config file's order. */
    static Monitor full(String id) {
        MonitorSpec spec = MonitorSpec.builder(URI.create("https://shop.example.com/checkout?probe=1"))
                .name("Checkout (EU)")
                .method("POST")
                .header(new Header("Authorization", "Bearer t0k3n"))
                .header(new Header("Accept", "application/json"))
                .body("{\"probe\": true}")
                .interval(Duration.ofSeconds(30))
                .timeout(Duration.ofMillis(4_500))
                .expect(StatusSet.parse("200-299,401"))
                .assertion(new Assertion.BodyContains("ok"))
                .assertion(new Assertion.BodyContains("ready"))
                .assertion(new Assertion.BodyNotContains("maintenance"))
                .assertion(Assertion.BodyMatches.parse("version: \\d+"))
                .assertion(new Assertion.JsonPathEquals("$.status", "ok"))
                .assertion(new Assertion.JsonPathEquals("$.error", "null"))
                .assertion(new Assertion.HeaderEquals("Content-Type", "application/json"))
                .assertion(Assertion.HeaderMatches.parse("Cache-Control", "max-age=\\d+"))
                .maxResponseTime(Duration.ofMillis(1_500))
                .followRedirects(false)
                .maxRedirects(3)
                .insecure(true)
                .certificateWarning(Duration.ofDays(21))
                .maxBodyBytes(512 * 1024)
                .build();
        return new Monitor(id, spec, List.of("local", "eu-west"), List.of("pager", "chat"), List.of("shop", "revenue"),
                Monitor.Source.API);
    }
}
