package dev.faultline.alert;

import dev.faultline.check.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which channels hear a notification. A monitor names its channels, or gets the default ones;
 * of those, a notification goes to each channel that takes its severity (critical pages,
 * warning informs, info is for channels that ask for it, such as a digest). What follows an
 * opening — its reminders and its resolution — goes to every channel that heard the opening,
 * whatever it takes now, so that nobody is left with an alert that never closes.
 *
 * @param defaultChannels the channels of a monitor that names none, in order; each is configured
 * @param severities      every configured channel, by name, with the severities it takes
 */
public record AlertRouting(List<String> defaultChannels, Map<String, Set<Severity>> severities) {

    public AlertRouting {
        defaultChannels = List.copyOf(defaultChannels);
        Map<String, Set<Severity>> copy = new LinkedHashMap<>();
        severities.forEach((name, taken) -> copy.put(name, Set.copyOf(taken)));
        severities = Collections.unmodifiableMap(copy);
        for (String name : defaultChannels) {
            if (!copy.containsKey(name)) throw new IllegalArgumentException("defaultChannels: '" + name + "' is not configured");
        }
    }

    /** Every configured channel is a default one: the right thing for a small config. */
    public static AlertRouting allByDefault(Map<String, Set<Severity>> severities) {
        return new AlertRouting(List.copyOf(severities.keySet()), severities);
    }

    /**
     * The channels to send {@code notification} to, in the monitor's order, each once.
     *
     * @param monitorChannels the channels the monitor names; empty for the default ones. Names that
     *                        are not configured (any more) are left out: see {@link #unknown}.
     * @param heardTheOpening the channels the incident's opening went to; used for reminders and
     *                        resolutions only
     * @throws IllegalArgumentException for a test, which goes straight to the channel under test, and a
     *                                  digest, which goes to the digest channels
     */
    public List<String> channelsFor(Notification notification, List<String> monitorChannels, Set<String> heardTheOpening) {
        Objects.requireNonNull(heardTheOpening, "heardTheOpening");
        List<String> candidates = candidates(monitorChannels);
        return switch (notification.event()) {
            case INCIDENT_OPENED, WARNING, INSTABILITY, FLAPPING -> candidates.stream()
                    .filter(name -> severities.get(name).contains(notification.severity())).toList();
            case INCIDENT_REMINDER, INCIDENT_RESOLVED -> followers(candidates, heardTheOpening);
            case TEST -> throw new IllegalArgumentException("a test is sent to the channel under test, never routed");
            case DIGEST -> throw new IllegalArgumentException("a digest goes to the digest channels, never routed");
        };
    }

    /** The names in {@code monitorChannels} that are not configured channels, for the caller to report. */
    public List<String> unknown(List<String> monitorChannels) {
        return monitorChannels.stream().filter(name -> !severities.containsKey(name)).distinct().toList();
    }

    private List<String> candidates(List<String> monitorChannels) {
        List<String> named = monitorChannels.isEmpty() ? defaultChannels : monitorChannels;
        return new LinkedHashSet<>(named).stream().filter(severities::containsKey).toList();
    }

    // The monitor's channels that heard the opening first, in its order; then any others that did
    // (the monitor may have been edited since), in name order. Channels no longer configured are gone.
    private List<String> followers(List<String> candidates, Set<String> heard) {
        List<String> out = new ArrayList<>(candidates.stream().filter(heard::contains).toList());
        new TreeSet<>(heard).stream().filter(name -> !out.contains(name) && severities.containsKey(name)).forEach(out::add);
        return List.copyOf(out);
    }
}
