package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyBucketsTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "249, 0", "250, 1", "353, 1", "354, 2", "499, 2", "500, 3", "1000, 5", "1000000, 24",
            "131071999, 38", "131072000, 39", "9223372036854775807, 39"})
    void latenciesFallInTheirBucket(long micros, int bucket) {
        assertThat(LatencyBuckets.of(micros)).isEqualTo(bucket);
        assertThat(micros).isBetween(LatencyBuckets.lower(bucket), LatencyBuckets.upper(bucket));
    }

    @Test
    void eachBucketIsAboutRootTwoWiderThanTheLast() {
        for (int k = 2; k < LatencyBuckets.COUNT - 1; k++) {
            double ratio = (double) LatencyBuckets.upper(k) / LatencyBuckets.upper(k - 1);
            assertThat(ratio).isBetween(1.41, 1.42);
        }
    }

    @Test
    void aPercentileStaysWithinTheObservedRange() {
        Tally tally = new Tally();
        tally.add(1_000);
        tally.add(1_010);

        assertThat(tally.percentile(0.5)).isBetween(1_000L, 1_010L);
        assertThat(tally.percentile(0.99)).isEqualTo(1_010);
        assertThat(tally.percentile(0.0)).isBetween(1_000L, 1_010L);
    }
}
