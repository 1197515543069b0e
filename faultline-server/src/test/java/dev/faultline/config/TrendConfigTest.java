package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Severity;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.AuthSpike;
import dev.faultline.trend.RisingNotFound;
import dev.faultline.trend.TrendThresholds;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code trends} and {@code digest} sections as read from a file (their mistakes are {@code invalid-trends/digest.yaml}). */
class TrendConfigTest {

    @Test
    void withoutTheSectionsTheDetectorsKeepTheirDefaultsAndNoDigestIsSent() {
        FaultlineConfig config = load("monitors: []\n");

        assertThat(config.trends()).isEqualTo(TrendSettings.DEFAULT);
        assertThat(config.trends().thresholds()).isEqualTo(TrendThresholds.DEFAULTS);
        assertThat(config.trends().severity(Anomaly.Kind.RISING_NOT_FOUND)).isEqualTo(Severity.WARNING);
        assertThat(config.trends().severity(Anomaly.Kind.RATE_LIMITED)).isEqualTo(Severity.INFO);
        assertThat(config.digest()).isEmpty();
    }

    @Test
    void aBlockChangesOnlyTheKeysItGivesAndCanLowerSeverityOrSwitchAKindOff() {
        FaultlineConfig config = load("""
                trends:
                  clear_after: 30m
                  rising_404: { recent: 6h, min_share: 0.02, severity: info }
                  auth_spike: { min_z: 4.5, enabled: false }
                """);

        TrendSettings trends = config.trends();
        RisingNotFound d = RisingNotFound.DEFAULT;
        assertThat(trends.thresholds().notFound()).isEqualTo(new RisingNotFound(Duration.ofHours(6), d.baseline(), d.minSamples(),
                d.minBaselineSamples(), 0.02, d.factor()));
        AuthSpike a = AuthSpike.DEFAULT;
        assertThat(trends.thresholds().authSpike()).isEqualTo(new AuthSpike(a.recent(), a.baseline(), a.minSamples(),
                a.minBaselineSamples(), a.minShare(), 4.5));
        assertThat(trends.thresholds().rateLimited()).isEqualTo(TrendThresholds.DEFAULTS.rateLimited());
        assertThat(trends.severity(Anomaly.Kind.RISING_NOT_FOUND)).isEqualTo(Severity.INFO);
        assertThat(trends.enabled(Anomaly.Kind.AUTH_SPIKE)).isFalse();
        assertThat(trends.enabled(Anomaly.Kind.RISING_NOT_FOUND)).isTrue();
        assertThat(trends.clearAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aDigestNamesItsTimeZoneAndChannels() {
        FaultlineConfig config = load("""
                channels:
                  - { name: team-mail, type: email, host: smtp.example.com, from: f@example.com, to: ops@example.com }
                  - { name: hook, type: webhook, url: "https://hooks.example.com/x" }
                digest: { at: "07:30", timezone: Europe/Berlin, channels: [team-mail, hook] }
                """);

        assertThat(config.digest()).contains(new DigestSettings(LocalTime.of(7, 30), ZoneId.of("Europe/Berlin"),
                List.of("team-mail", "hook")));
    }

    @Test
    void aDigestIsInUtcUnlessItSaysOtherwise() {
        FaultlineConfig config = load("""
                channels: [{ name: hook, type: webhook, url: "https://hooks.example.com/x" }]
                digest: { at: "8:00", channels: hook }
                """);

        assertThat(config.digest()).contains(new DigestSettings(LocalTime.of(8, 0), ZoneId.of("UTC"), List.of("hook")));
    }

    private static FaultlineConfig load(String yaml) {
        LoadResult result = new ConfigLoader(Map.of()).parse(yaml, "faultline.yaml");
        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) result).config();
    }
}
