package dev.faultline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.MonitorSpec;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which monitors name channels that are not there, and what their alerts do meanwhile. */
class MissingChannelsTest {

    static final Set<String> CHANNELS = Set.of("pager", "chat");

    @Test
    void aMonitorWhoseNamedChannelsAreAllThereOrThatNamesNoneIsFine() {
        assertThat(MissingChannels.warnings(List.of(monitor("Home", "pager", "chat"), monitor("Default")), CHANNELS)).isEmpty();
    }

    @Test
    void severalMissingChannelsAreNamedInOneLineAndWhatIsLeftStillAlerts() {
        assertThat(MissingChannels.warnings(List.of(monitor("Checkout", "night", "pager", "old", "night")), CHANNELS)).containsExactly(
                "monitor 'Checkout' (id checkout, created through the API or the dashboard) names the channels 'night', 'old', which"
                        + " do not exist (neither in the config file nor created through the API or the dashboard): its alerts skip them"
                        + " until each is added again or taken out of the monitor's channels");
    }

    @Test
    void aMonitorLeftWithNoChannelIsToldItsAlertsGoNowhere() {
        assertThat(MissingChannels.warnings(List.of(monitor("Search", "night", "old")), CHANNELS)).singleElement()
                .asString().contains("'night', 'old'", "its alerts go nowhere");
    }

    private static Monitor monitor(String name, String... channels) {
        return new Monitor(Monitor.idFor(name), MonitorSpec.builder(URI.create("http://127.0.0.1:9/")).name(name).build(),
                List.of("local"), List.of(channels), List.of(), Monitor.Source.API);
    }
}
