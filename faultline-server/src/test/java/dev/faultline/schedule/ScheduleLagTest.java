package dev.faultline.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleLagTest {

    @Test
    void anEmptyHistogramReportsZero() {
        ScheduleLag.Snapshot snapshot = new ScheduleLag().snapshot();
        assertThat(snapshot.count()).isZero();
        assertThat(snapshot.p50()).isZero();
        assertThat(snapshot.p99()).isZero();
    }

    @Test
    void countsSumsAndKeepsTheLargestLag() {
        ScheduleLag lag = new ScheduleLag();
        lag.record(3);
        lag.record(40);
        lag.record(1_200);
        ScheduleLag.Snapshot snapshot = lag.snapshot();
        assertThat(snapshot.count()).isEqualTo(3);
        assertThat(snapshot.sumMillis()).isEqualTo(1_243);
        assertThat(snapshot.maxMillis()).isEqualTo(1_200);
    }

    @Test
    void bucketsAreCumulativeAndEndWithAnInfiniteOne() {
        ScheduleLag lag = new ScheduleLag();
        lag.record(0);
        lag.record(1);
        lag.record(2);
        lag.record(90_000);
        ScheduleLag.Snapshot snapshot = lag.snapshot();
        assertThat(snapshot.buckets()).hasSize(ScheduleLag.BOUNDS_MILLIS.length + 1);
        assertThat(snapshot.buckets().get(0)).isEqualTo(new ScheduleLag.Bucket(1, 2));
        assertThat(snapshot.buckets().get(1)).isEqualTo(new ScheduleLag.Bucket(2, 3));
        assertThat(snapshot.buckets().get(ScheduleLag.BOUNDS_MILLIS.length - 1)).isEqualTo(new ScheduleLag.Bucket(60_000, 3));
        assertThat(snapshot.buckets().getLast()).isEqualTo(new ScheduleLag.Bucket(Long.MAX_VALUE, 4));
    }

    @Test
    void quantilesInterpolateWithinTheirBucketAndNeverExceedTheLargestLag() {
        ScheduleLag lag = new ScheduleLag();
        for (int i = 0; i < 99; i++) lag.record(3);
        lag.record(700);
        ScheduleLag.Snapshot snapshot = lag.snapshot();
        assertThat(snapshot.p50()).isBetween(Duration.ofMillis(2), Duration.ofMillis(5));
        assertThat(snapshot.p99()).isEqualTo(Duration.ofMillis(5));
        assertThat(snapshot.quantile(1)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void aNegativeLagCountsAsZero() {
        ScheduleLag lag = new ScheduleLag();
        lag.record(-5);
        assertThat(lag.snapshot().sumMillis()).isZero();
        assertThat(lag.snapshot().buckets().get(0).cumulativeCount()).isEqualTo(1);
    }
}
