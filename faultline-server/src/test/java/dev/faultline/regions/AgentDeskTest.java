package dev.faultline.regions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.MonitorSpec;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.Monitor;
import dev.faultline.schedule.Cadence;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each region's agent is given: its own monitors, a version that changes only with them, and its re-checks once. */
class AgentDeskTest {

    private final AgentDesk desk = new AgentDesk(List.of("eu", "us"), List.of(URI.create("https://canary.example.com/")),
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aRegionGetsOnlyItsMonitorsAndANewVersionOnlyWhenTheyChange() throws Exception {
        desk.replaceMonitors(List.of(monitor("api", "local", "eu"), monitor("shop", "us")));
        Assignment eu = desk.poll("eu", -1, Duration.ZERO);
        Assignment us = desk.poll("us", -1, Duration.ZERO);
        assertThat(eu.monitors()).extracting(MonitorJson::id).containsExactly("api");
        assertThat(eu.canaries()).containsExactly("https://canary.example.com/");

        desk.replaceMonitors(List.of(monitor("api", "local", "eu"), monitor("shop", "us"), monitor("blog", "us")));

        assertThat(desk.poll("eu", eu.version(), Duration.ZERO).version()).isEqualTo(eu.version());
        Assignment usAfter = desk.poll("us", us.version(), Duration.ZERO);
        assertThat(usAfter.version()).isNotEqualTo(us.version());
        assertThat(usAfter.monitors()).extracting(MonitorJson::id).containsExactly("shop", "blog");
    }

    @Test
    void anAgentIsToldEveryRegionOfItsMonitorsSoThatItWorksOutItsTurnAsTheServerDoes() throws Exception {
        Monitor api = monitor("api", "us", "local", "eu");
        desk.replaceMonitors(List.of(api));
        Assignment eu = desk.poll("eu", -1, Duration.ZERO);
        Monitor received = eu.monitors().getFirst().toMonitor(Monitor.Source.API);
        assertThat(received.regions()).containsExactly("us", "local", "eu");
        assertThat(Cadence.inRegion(received, "eu")).isEqualTo(Cadence.inRegion(api, "eu"))
                .isNotEqualTo(Cadence.inRegion(api, "local"));

        // Another region joining moves every later region's turn: the agent hears of it.
        desk.replaceMonitors(List.of(monitor("api", "us", "local", "eu", "ap")));
        Assignment after = desk.poll("eu", eu.version(), Duration.ZERO);
        assertThat(after.version()).isNotEqualTo(eu.version());
        assertThat(after.monitors().getFirst().regions()).containsExactly("us", "local", "eu", "ap");
    }

    @Test
    void reChecksAreHandedOutOnceAndOnlyForTheRegionsMonitors() throws Exception {
        desk.replaceMonitors(List.of(monitor("api", "local", "eu"), monitor("shop", "us")));
        long version = desk.poll("eu", -1, Duration.ZERO).version();

        desk.recheck("api", Set.of("local", "eu", "us"));
        desk.recheck("shop", Set.of("eu"));

        assertThat(desk.poll("eu", version, Duration.ofSeconds(5)).rechecks()).containsExactly("api");
        assertThat(desk.poll("eu", version, Duration.ZERO).rechecks()).isEmpty();
        assertThat(desk.poll("us", -1, Duration.ZERO).rechecks()).isEmpty();
        assertThat(desk.assigned("eu", "shop")).isFalse();
    }

    @Test
    void onlyConfiguredRegionsAreShownAndUnheardOnesAreNotConnected() throws Exception {
        desk.replaceMonitors(List.of(monitor("api", "eu")));
        desk.poll("eu", -1, Duration.ZERO);
        desk.received("eu", 3);

        assertThat(desk.statuses()).extracting(AgentDesk.Status::region).containsExactly("eu", "us");
        AgentDesk.Status eu = desk.statuses().getFirst();
        assertThat(eu.connected()).isTrue();
        assertThat(eu.resultsReceived()).isEqualTo(3);
        assertThat(eu.monitors()).isEqualTo(1);
        assertThat(desk.statuses().get(1).connected()).isFalse();
        assertThat(desk.statuses().get(1).lastSeen()).isEmpty();
    }

    @Test
    void whetherAMonitorIsAssignedIsAnsweredWithoutWaitingForTheDesksLock() throws Exception {
        desk.replaceMonitors(List.of(monitor("api", "eu")));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A replacement that stops while it holds the desk's lock (as a long one would).
        List<Monitor> stuck = new AbstractList<>() {
            private final List<Monitor> monitors = List.of(monitor("api", "eu"), monitor("shop", "eu"));

            @Override
            public Monitor get(int index) {
                return monitors.get(index);
            }

            @Override
            public int size() {
                return monitors.size();
            }

            @Override
            public Stream<Monitor> stream() {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return monitors.stream();
            }
        };
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> replacing = threads.submit(() -> desk.replaceMonitors(stuck));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> api = threads.submit(() -> desk.assigned("eu", "api"));
            try {
                assertThat(api.get(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                release.countDown();
            }
            replacing.get(10, TimeUnit.SECONDS);
        }
        assertThat(desk.assigned("eu", "shop")).isTrue();
        assertThat(desk.assigned("us", "shop")).isFalse();
    }

    private static Monitor monitor(String id, String... regions) {
        return new Monitor(id, MonitorSpec.builder(URI.create("https://" + id + ".example.com/")).name(id).build(),
                List.of(regions), List.of(), List.of(), Monitor.Source.CONFIG);
    }
}
