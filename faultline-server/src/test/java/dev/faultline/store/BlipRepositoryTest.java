package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.incident.Blip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class BlipRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @DatabaseTest
    void aRecordedBlipReadsBackEqual(TestDatabase db) {
        BlipRepository blips = db.open().blips();
        Blip blip = new Blip(T0, T0.plusMillis(1_500), Duration.ofMillis(250),
                Map.of("local", List.of(Cause.BAD_GATEWAY, Cause.GATEWAY_TIMEOUT), "eu", List.of(Cause.READ_TIMEOUT)), true);

        blips.record("api", blip);

        List<BlipRecord> stored = blips.recent("api", 10, Optional.empty());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).blip()).isEqualTo(blip);
        assertThat(stored.get(0).monitorId()).isEqualTo("api");
        assertThat(blips.recent("web", 10, Optional.empty())).isEmpty();
    }

    @DatabaseTest
    void blipsComeNewestFirstAndPageById(TestDatabase db) {
        BlipRepository blips = db.open().blips();
        for (int i = 0; i < 5; i++) blips.record("api", blip(i));

        List<BlipRecord> first = blips.recent("api", 2, Optional.empty());
        List<BlipRecord> second = blips.recent("api", 2, Optional.of(first.get(1).id()));

        assertThat(first).extracting(r -> r.blip().startedAt()).containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        assertThat(second).extracting(r -> r.blip().startedAt()).containsExactly(T0.plusSeconds(2), T0.plusSeconds(1));
    }

    private static Blip blip(int second) {
        return new Blip(T0.plusSeconds(second), T0.plusSeconds(second + 1), Duration.ZERO,
                Map.of("local", List.of(Cause.INTERNAL_SERVER_ERROR)), false);
    }
}
