package dev.faultline.channels;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.Channel;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.monitor.Monitor;
import dev.faultline.secret.SecretBox;
import dev.faultline.store.ChannelRepository;
import dev.faultline.store.StoredChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every alert channel the server has: the config file's (read-only here) and those created
 * through the API (kept in the store, their credentials sealed). A change is stored first, then
 * handed whole to the {@link Listener}, which applies it to the running dispatcher and routing:
 * no restart. A channel is made (and so checked) before anything is stored, so a bad one changes
 * nothing.
 *
 * <p>A channel is not removed while a monitor names it (its alerts would skip the channel without a
 * word). Removing one and saving a monitor exclude each other ({@link #whileChannelsKept},
 * {@link #removingChannels}): a save's check of the names it gives holds until the monitor is
 * stored, and a removal sees every monitor stored before it.
 */
public final class ChannelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ChannelRegistry.class);

    public enum Source { CONFIG, API }

    /** One channel as configured, where it came from, and the channel made from it. */
    public record Entry(ChannelConfig config, Source source, Channel channel) {
    }

    /** Told of the whole new set after each change: every channel by name, and the routing over them. */
    @FunctionalInterface
    public interface Listener {
        void changed(Map<String, Channel> channels, AlertRouting routing);
    }

    /** A change the registry refuses, and why (the API answers 404, or 409 for the others). */
    public static final class Refused extends RuntimeException {
        public enum Reason { NOT_FOUND, READ_ONLY, DUPLICATE, IN_USE }

        private final Reason reason;

        public Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final ChannelRepository repository;
    private final SealedChannels sealed;
    private final Function<ChannelConfig, Channel> factory;
    private final Clock clock;
    private Map<String, Entry> fromConfig = Map.of();
    private final Map<String, Entry> fromApi = new LinkedHashMap<>();
    private volatile Listener listener = (channels, routing) -> { };
    // Shared by monitor saves, which run side by side; exclusive for what removes a channel. Taken before this object's lock.
    private final ReentrantReadWriteLock removals = new ReentrantReadWriteLock();

    /**
     * Loads the API channels from the store.
     *
     * @param factory makes (and checks) a channel: {@code dev.faultline.alert.Channels#create}
     * @throws SecretBox.CannotOpen when a stored channel's credentials do not open with this key
     */
    public ChannelRegistry(ChannelRepository repository, SecretBox box, Function<ChannelConfig, Channel> factory, Clock clock,
                           List<ChannelConfig> configChannels) {
        this.repository = repository;
        this.sealed = new SealedChannels(box);
        this.factory = factory;
        this.clock = clock;
        this.fromConfig = entries(configChannels, Source.CONFIG);
        for (StoredChannel stored : repository.all()) {
            ChannelConfig config = sealed.open(stored);
            if (fromConfig.containsKey(config.name())) {
                log.warn("channel '{}' is in the config file and was also created through the API: the file's is used", config.name());
                continue;
            }
            fromApi.put(config.name(), new Entry(config, Source.API, factory.apply(config)));
        }
    }

    /**
     * One channel created through the API, its credentials opened with this key, without loading
     * the others: for tools that do not run the registry ({@code faultline notify-test}).
     *
     * @throws SecretBox.CannotOpen when its credentials do not open with this key
     */
    public static Optional<ChannelConfig> stored(ChannelRepository repository, SecretBox box, String name) {
        return repository.find(name).map(new SealedChannels(box)::open);
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** The file's channels first, in its order, then the API's by name. */
    public synchronized List<Entry> all() {
        List<Entry> all = new ArrayList<>(fromConfig.values());
        fromApi.values().stream().filter(e -> !fromConfig.containsKey(e.config().name()))
                .sorted(java.util.Comparator.comparing(e -> e.config().name())).forEach(all::add);
        return all;
    }

    public synchronized Optional<Entry> find(String name) {
        Entry entry = fromConfig.get(name);
        return entry != null ? Optional.of(entry) : Optional.ofNullable(fromApi.get(name));
    }

    /** Every channel by name. */
    public Map<String, Channel> channels() {
        Map<String, Channel> channels = new LinkedHashMap<>();
        all().forEach(e -> channels.put(e.config().name(), e.channel()));
        return channels;
    }

    /** Every channel is a default one: a monitor that names none alerts each, by its severities. */
    public AlertRouting routing() {
        Map<String, Set<Severity>> severities = new LinkedHashMap<>();
        all().forEach(e -> severities.put(e.config().name(), e.config().severities()));
        return AlertRouting.allByDefault(severities);
    }

    /** @throws Refused DUPLICATE when a channel of that name exists */
    public Entry create(ChannelConfig config) {
        Entry entry;
        synchronized (this) {
            if (find(config.name()).isPresent()) {
                throw new Refused(Refused.Reason.DUPLICATE, "a channel named '" + config.name() + "' exists already");
            }
            entry = new Entry(config, Source.API, factory.apply(config));
            Instant now = clock.instant();
            if (!repository.insert(sealed.seal(config, now, now))) {
                throw new Refused(Refused.Reason.DUPLICATE, "a channel named '" + config.name() + "' exists already");
            }
            fromApi.put(config.name(), entry);
        }
        publish();
        return entry;
    }

    /** @throws Refused NOT_FOUND or READ_ONLY (a channel from the config file) */
    public Entry replace(ChannelConfig config) {
        Entry entry;
        synchronized (this) {
            Entry old = writable(config.name());
            entry = new Entry(config, Source.API, factory.apply(config));
            StoredChannel stored = repository.find(config.name()).orElseThrow(() -> notFound(config.name()));
            repository.update(sealed.seal(config, stored.createdAt(), clock.instant()));
            fromApi.put(config.name(), entry);
            log.info("channel '{}' ({}) replaced through the API", config.name(), old.config().type().id());
        }
        publish();
        return entry;
    }

    /**
     * Runs {@code checkAndSave}, which checks the channels a monitor names and stores it, while no
     * channel can be removed: a channel the check found is still there when the monitor is stored,
     * and a removal waiting meanwhile finds the monitor. Saves run side by side; a removal waits for
     * those under way, and they for it. Keep slow reads (a request's body) out of it.
     */
    public <T> T whileChannelsKept(Supplier<T> checkAndSave) {
        removals.readLock().lock();
        try {
            return checkAndSave.get();
        } finally {
            removals.readLock().unlock();
        }
    }

    /**
     * Runs {@code change}, which may remove channels ({@link #replaceConfigChannels}), while no
     * monitor is saved: what {@link #requireUnnamed} found holds until the change is made.
     */
    public void removingChannels(Runnable change) {
        removals.writeLock().lock();
        try {
            change.run();
        } finally {
            removals.writeLock().unlock();
        }
    }

    /**
     * Deletes a channel created through the API.
     *
     * @throws Refused NOT_FOUND, READ_ONLY (a channel from the config file), or IN_USE while any
     *                 monitor names it, listing them; nothing is deleted then
     */
    public void delete(String name, ChannelUsers users) {
        removingChannels(() -> {
            synchronized (this) {
                writable(name);
                List<Monitor> naming = users.of(name);
                if (!naming.isEmpty()) {
                    throw new Refused(Refused.Reason.IN_USE, "channel '" + name + "' is still in " + ChannelUsers.routingOf(naming)
                            + "; take it out of " + (naming.size() == 1 ? "its" : "their") + " channels first (nothing was deleted)");
                }
                repository.delete(name);
                fromApi.remove(name);
            }
        });
        publish();
    }

    /**
     * Checks a reload before any of it is applied: a channel of the file that {@code configChannels}
     * drops (and that no channel created through the API stands in for) must not be named by a
     * monitor that runs on. Call it inside {@link #removingChannels}, with the replacement.
     *
     * @param after the monitors as the reload leaves them: those created through the API, and the file's new ones
     * @throws Refused IN_USE naming each such channel and the monitors that name it
     */
    public void requireUnnamed(List<ChannelConfig> configChannels, ChannelUsers after) {
        if (!removals.isWriteLockedByCurrentThread()) throw new IllegalStateException("a reload's check must run in removingChannels");
        List<String> dropped;
        synchronized (this) {
            Set<String> kept = new HashSet<>(fromApi.keySet());
            configChannels.forEach(c -> kept.add(c.name()));
            dropped = fromConfig.keySet().stream().filter(name -> !kept.contains(name)).sorted().toList();
        }
        Map<String, List<Monitor>> stranded = new LinkedHashMap<>();
        for (String name : dropped) {
            List<Monitor> naming = after.of(name);
            if (!naming.isEmpty()) stranded.put(name, naming);
        }
        if (stranded.isEmpty()) return;
        List<String> each = new ArrayList<>();
        stranded.forEach((name, naming) -> each.add("channel '" + name + "' is no longer in the file but still in "
                + ChannelUsers.routingOf(naming)));
        String them = stranded.size() == 1 ? "it" : "them";
        long monitors = stranded.values().stream().flatMap(List::stream).map(Monitor::id).distinct().count();
        throw new Refused(Refused.Reason.IN_USE, String.join("; ", each) + "; keep " + them + " in the file, or take " + them
                + " out of " + (monitors == 1 ? "its" : "their") + " channels and save the file again");
    }

    /** Takes the config file's channels again (a reload); the API's stay. See {@link #requireUnnamed}. */
    public void replaceConfigChannels(List<ChannelConfig> configChannels) {
        removingChannels(() -> {
            synchronized (this) {
                Map<String, Entry> next = new LinkedHashMap<>();
                for (ChannelConfig config : configChannels) {
                    Entry old = fromConfig.get(config.name());
                    // Unchanged channels keep their channel object, and so their lane in the dispatcher.
                    next.put(config.name(), old != null && old.config().equals(config) ? old
                            : new Entry(config, Source.CONFIG, factory.apply(config)));
                }
                fromConfig = next;
            }
        });
        publish();
    }

    private Entry writable(String name) {
        if (fromConfig.containsKey(name)) {
            throw new Refused(Refused.Reason.READ_ONLY, "channel '" + name + "' is defined in the config file; change it there");
        }
        Entry entry = fromApi.get(name);
        if (entry == null) throw notFound(name);
        return entry;
    }

    private static Refused notFound(String name) {
        return new Refused(Refused.Reason.NOT_FOUND, "no channel named '" + name + "'");
    }

    private void publish() {
        listener.changed(channels(), routing());
    }

    private Map<String, Entry> entries(Collection<ChannelConfig> configs, Source source) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        configs.forEach(c -> entries.put(c.name(), new Entry(c, source, factory.apply(c))));
        return entries;
    }
}
