package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.store.FleetRollups.LatencyPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

    static final Instant FROM = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void pointsSpreadOverTheSpanAndTheSlowestTouchesTheTop() {
        List<LatencyPoint> points = List.of(new LatencyPoint(FROM, Duration.ofMillis(10)),
                new LatencyPoint(FROM.plusSeconds(1800), Duration.ofMillis(40)),
                new LatencyPoint(FROM.plusSeconds(3540), Duration.ofMillis(20)));

        assertThat(Sparkline.points(points, FROM, Duration.ofHours(1))).isEqualTo("0.0,17.0 60.0,2.0 118.0,12.0");
    }

    @Test
    void fewerThanThreePointsDrawNothing() {
        assertThat(Sparkline.points(List.of(new LatencyPoint(FROM, Duration.ofMillis(5))), FROM, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void percentagesReadAsOperatorsExpect() {
        assertThat(Text.percent(-1)).isEqualTo("—");
        assertThat(Text.percent(100)).isEqualTo("100 %");
        assertThat(Text.percent(99.999)).isEqualTo("99.99 %");
        assertThat(Text.percent(87.46)).isEqualTo("87.4 %");
        assertThat(Text.span(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
    }
}
