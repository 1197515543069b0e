package dev.faultline.channels;

import dev.faultline.monitor.Monitor;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The channels monitors name that no channel is: what a monitor created through the API finds at
 * start-up when a channel of the file was removed while the server was stopped (a running server
 * refuses that edit). Its alerts skip such a channel without a word when they are sent, so the
 * server says so when it starts, naming each monitor, the missing channels and what to do.
 */
public final class MissingChannels {

    private MissingChannels() {
    }

    /**
     * One line per monitor that names channels none of {@code channels} is, by monitor name: {@code
     * monitor 'Checkout API' (id checkout-api, created through the API or the dashboard) names the
     * channel 'night ops', which does not exist: ...}.
     */
    public static List<String> warnings(Collection<Monitor> monitors, Set<String> channels) {
        return monitors.stream().sorted(Comparator.comparing(Monitor::name).thenComparing(Monitor::id)).<String>mapMulti((monitor, out) -> {
            List<String> missing = monitor.channels().stream().distinct().filter(name -> !channels.contains(name)).toList();
            if (missing.isEmpty()) return;
            boolean none = missing.size() == monitor.channels().stream().distinct().count();
            out.accept("monitor " + ChannelUsers.describe(monitor) + " names the channel" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(name -> "'" + name + "'").toList())
                    + (missing.size() == 1 ? ", which does not exist" : ", which do not exist")
                    + " (neither in the config file nor created through the API or the dashboard): "
                    + (none ? "its alerts go nowhere" : "its alerts skip " + (missing.size() == 1 ? "it" : "them"))
                    + (missing.size() == 1 ? " until the channel is" : " until each is")
                    + " added again or taken out of the monitor's channels");
        }).toList();
    }
}
