package dev.faultline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.trend.Rates;
import dev.faultline.trend.TimeWindow;
import dev.faultline.trend.TrendBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendGaugesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:30:00Z");
    private static final TimeWindow HOUR = TimeWindow.ending(NOW, Duration.ofHours(1));

    @Test
    void showsTheSharesOfTheClassesAndTheCountsOfTheCodesSeenInTheHourPerRegion() {
        TrendGauges gauges = new TrendGauges();
        gauges.update("api", Map.of("eu", rates(Map.of(200, 40L, 403, 20L)), "us", rates(Map.of(200, 60L))));

        String text = render(gauges);

        assertThat(text).contains("# TYPE faultline_status_class_ratio gauge\n")
                .contains("faultline_status_class_ratio{monitor=\"api\",region=\"eu\",class=\"4xx\",window=\"1h\"} 0.333")
                .contains("faultline_status_class_ratio{monitor=\"api\",region=\"eu\",class=\"2xx\",window=\"1h\"} 0.666")
                .contains("faultline_status_class_ratio{monitor=\"api\",region=\"us\",class=\"2xx\",window=\"1h\"} 1")
                .contains("faultline_status_code_checks{monitor=\"api\",region=\"eu\",code=\"403\",window=\"1h\"} 20")
                .contains("faultline_status_code_checks{monitor=\"api\",region=\"us\",code=\"200\",window=\"1h\"} 60")
                // Only what was seen: no 5xx share, no 403 count in a region without one.
                .doesNotContain("class=\"5xx\"").doesNotContain("region=\"us\",code=\"403\"");
    }

    @Test
    void aRegionWithoutChecksAndAMonitorThatIsGoneLeaveNoSeries() {
        TrendGauges gauges = new TrendGauges();
        gauges.update("api", Map.of("eu", rates(Map.of(200, 60L)), "us", rates(Map.of(200, 60L))));
        gauges.update("web", Map.of("eu", rates(Map.of(404, 1L))));

        gauges.update("api", Map.of("eu", rates(Map.of(200, 60L)), "us", rates(Map.of())));
        gauges.retain(Set.of("api"));

        String text = render(gauges);
        assertThat(text).contains("monitor=\"api\",region=\"eu\"").doesNotContain("region=\"us\"").doesNotContain("web");
    }

    private static Rates rates(Map<Integer, Long> counts) {
        return Rates.over(List.of(new TrendBucket(HOUR.from(), Duration.ofMinutes(1), counts)), HOUR);
    }

    private static String render(TrendGauges gauges) {
        StringBuilder text = new StringBuilder();
        gauges.render(new PrometheusText(text));
        return text.toString();
    }
}
