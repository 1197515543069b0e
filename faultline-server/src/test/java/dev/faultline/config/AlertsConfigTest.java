package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.ReminderPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {

    @Test
    void theAlertsSectionGivesTheReminderPolicyAndItIsOffWithoutIt() {
        String channels = "channels:\n  - { name: pager, type: webhook, url: \"http://127.0.0.1:9/h\" }\n"
                + "  - { name: leads, type: webhook, url: \"http://127.0.0.1:9/l\" }\n";
        FaultlineConfig on = load(channels + "alerts: { remind_every: 30m, escalate_after: 15m, escalate_to: [leads] }\n");
        assertThat(on.alerts()).isEqualTo(new ReminderPolicy(Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofMinutes(15)),
                List.of("leads")));
        assertThat(load(channels + "alerts: { remind_every: 1h }\n").alerts())
                .isEqualTo(new ReminderPolicy(Optional.of(Duration.ofHours(1)), Optional.empty(), List.of()));
        assertThat(load(channels).alerts()).isEqualTo(ReminderPolicy.OFF);
    }

    private static FaultlineConfig load(String yaml) {
        LoadResult result = new ConfigLoader(Map.of()).parse(yaml, "alerts.yaml");
        assertThat(result).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) result).config();
    }
}
