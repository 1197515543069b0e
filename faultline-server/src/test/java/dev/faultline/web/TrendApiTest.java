package dev.faultline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.store.Resolution;
import dev.faultline.store.Rollup;
import dev.faultline.trend.TrendBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendApiTest {

    @Test
    void checksWithoutAnHttpAnswerCountUnderStatusZero() {
        Rollup hour = new Rollup(Instant.parse("2026-11-27T08:00:00Z"), 10, 2, 0, 8, Map.of(), Map.of(),
                Map.of(200, 2L, 502, 6L), Optional.empty());

        List<TrendBucket> buckets = TrendApi.buckets(List.of(hour), Resolution.HOUR);

        assertThat(buckets).containsExactly(new TrendBucket(hour.start(), Duration.ofHours(1), Map.of(200, 2L, 502, 6L, 0, 2L)));
    }
}
