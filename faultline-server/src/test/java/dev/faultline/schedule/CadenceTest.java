package dev.faultline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void offsetDependsOnlyOnIdAndIntervalSoItSurvivesRestarts() {
        // Pinned: a change to the hash would move every monitor's phase on upgrade.
        assertThat(Cadence.of("api-health", MINUTE).offset()).isEqualTo(Duration.ofMillis(12_471));
        assertThat(Cadence.of("api-health", MINUTE)).isEqualTo(Cadence.of("api-health", MINUTE));
        assertThat(Cadence.of("api-health", MINUTE)).isNotEqualTo(Cadence.of("api-healti", MINUTE));
    }

    @Test
    void offsetsOfSimilarIdsSpreadEvenlyOverTheInterval() {
        int monitors = 60_000;
        int[] perSecond = new int[60];
        IntStream.range(0, monitors).forEach(i ->
                perSecond[(int) Cadence.of("monitor-" + i, MINUTE).offset().toSeconds()]++);
        int average = monitors / 60;
        assertThat(IntStream.of(perSecond).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(average * 8 / 10, average * 12 / 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT1.5S", "PT7S", "PT1M", "PT1H", "P1D"})
    void offsetLiesWithinTheInterval(Duration interval) {
        IntStream.range(0, 1_000).forEach(i -> assertThat(Cadence.of("m-" + i, interval).offset())
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-01-01T00:00:00Z", "2030-01-01T00:00:00.001Z", "2031-07-14T13:37:42.999Z", "1969-12-31T23:59:59.500Z"})
    void dueTimesAreWholeIntervalsPlusTheOffset(Instant time) {
        Cadence cadence = new Cadence(Duration.ofSeconds(7), Duration.ofMillis(1234));
        Instant due = cadence.firstDueAtOrAfter(time);
        assertThat(Math.floorMod(due.toEpochMilli() - 1234, 7_000)).isZero();
        assertThat(due).isAfterOrEqualTo(time).isBefore(time.plusSeconds(7));
    }

    @Test
    void aDueTimeIsItsOwnFirstDueAndTheNextIsOneIntervalLater() {
        Cadence cadence = Cadence.of("api-health", MINUTE);
        Instant due = cadence.firstDueAtOrAfter(TestMonitors.T0);
        assertThat(cadence.firstDueAtOrAfter(due)).isEqualTo(due);
        assertThat(cadence.nextDueAfter(due)).isEqualTo(due.plus(MINUTE));
        assertThat(cadence.nextDueAfter(due.minusMillis(1))).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0} with region {2} of {1}: first due at T0 + {3} ms")
    @CsvSource({
            // api-health's base phase is 12,471 ms at 20 s, 30 s and 60 s, and 2,471 ms at 10 s (pinned above).
            "PT60S, 1, 0, 12471",
            "PT60S, 2, 0, 12471",
            "PT60S, 2, 1, 42471",
            "PT60S, 3, 1, 32471",
            "PT60S, 3, 2, 52471",
            "PT10S, 3, 1, 5804",  // 10,000/3 is 3,333 whole ms
            "PT10S, 3, 2, 9137",
            "PT10S, 4, 3, 9971",
            "PT20S, 2, 1, 2471",  // 12,471 + 10,000 wraps past the interval
            "PT30S, 3, 2, 2471",
            "PT30S, 5, 4, 6471"})
    void regionKOfNChecksKIntervalsOverNAfterTheBasePhase(Duration interval, int regions, int region, long firstDueMillis) {
        Cadence cadence = Cadence.of("api-health", interval, new RegionSlot(region, regions));
        Instant first = TestMonitors.T0.plusMillis(firstDueMillis);
        assertThat(cadence.firstDueAtOrAfter(TestMonitors.T0)).isEqualTo(first);
        assertThat(cadence.nextDueAfter(first)).isEqualTo(first.plus(interval));
    }

    @Test
    void theRegionsOfAMonitorFallDueOneNthOfTheIntervalApartWhateverOrderTheyAreListedIn() {
        Duration interval = Duration.ofSeconds(30);
        for (List<String> listed : List.of(List.of("local", "eu", "us"), List.of("us", "local", "eu"), List.of("eu", "us", "local"))) {
            Monitor monitor = TestMonitors.inRegions("checkout", URI.create("http://shop.example/"), interval, listed);
            Instant eu = Cadence.inRegion(monitor, "eu").firstDueAtOrAfter(TestMonitors.T0);
            assertThat(eu).as("eu sorts first: the base phase").isEqualTo(Cadence.of("checkout", interval).firstDueAtOrAfter(TestMonitors.T0));
            assertThat(Cadence.inRegion(monitor, "local").nextDueAfter(eu)).isEqualTo(eu.plusSeconds(10));
            assertThat(Cadence.inRegion(monitor, "us").nextDueAfter(eu)).isEqualTo(eu.plusSeconds(20));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT1.5S", "PT7S", "PT1M", "PT1H", "P1D"})
    void aMonitorOfOneRegionChecksAtItsBasePhaseAsBefore(Duration interval) {
        IntStream.range(0, 1_000).forEach(i -> {
            Monitor monitor = TestMonitors.monitor("m-" + i, interval);
            assertThat(Cadence.inRegion(monitor, "local")).isEqualTo(Cadence.of("m-" + i, interval))
                    .isEqualTo(Cadence.of("m-" + i, interval, RegionSlot.ONLY));
        });
    }

    @Test
    void aRegionThatDoesNotCheckTheMonitorHasNoCadenceThere() {
        Monitor monitor = TestMonitors.inRegions("api", URI.create("http://api.example/"), MINUTE, List.of("local", "eu"));
        assertThatThrownBy(() -> Cadence.inRegion(monitor, "us")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region 'us' is not one of the monitor's regions [eu, local]");
    }

    @Test
    void rejectsAnOffsetOutsideTheInterval() {
        assertThatThrownBy(() -> new Cadence(MINUTE, MINUTE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset: PT1M is outside the interval PT1M");
        assertThatThrownBy(() -> new Cadence(MINUTE, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
