package dev.faultline.channels;

import dev.faultline.monitor.Monitor;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The monitors that name a channel in their alert routing ({@code channels}), the file's and the
 * API's, paused ones too (they alert again once resumed). A channel they name is not deleted from
 * under them, nor dropped by a reload of the file: their alerts would skip it without a word.
 *
 * @param monitors every monitor the server runs, asked at each call
 */
public record ChannelUsers(Supplier<Collection<Monitor>> monitors) {

    /** The monitors naming {@code channel}, by name. */
    public List<Monitor> of(String channel) {
        return monitors.get().stream().filter(m -> m.channels().contains(channel))
                .sorted(Comparator.comparing(Monitor::name).thenComparing(Monitor::id)).toList();
    }

    /** "the alert routing of 2 monitors: 'a' (id a, …), 'b' (id b, …)", as a refusal says it. */
    static String routingOf(List<Monitor> naming) {
        return "the alert routing of " + (naming.size() == 1 ? "1 monitor: " : naming.size() + " monitors: ")
                + String.join(", ", naming.stream().map(ChannelUsers::describe).toList());
    }

    /** One monitor as the refusal lists it: its name, its id, and where to change it. */
    static String describe(Monitor monitor) {
        return "'" + monitor.name() + "' (id " + monitor.id() + ", " + switch (monitor.source()) {
            case CONFIG -> "in the config file";
            case API -> "created through the API or the dashboard";
        } + ")";
    }
}
