package dev.faultline.alert.outbox;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Channels;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The alert path as the server wires it: a store, channels, the notifier and the dispatcher. */
final class AlertSystem implements AutoCloseable {

    /** Jitter that always draws the middle: a retry waits half its ceiling. */
    static final RandomGenerator HALF = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    final Store store;
    final OutboxDispatcher dispatcher;
    final AlertNotifier notifier;

    AlertSystem(Path dataDir, List<Channel> channels, Map<String, Set<Severity>> severities, DispatchSettings settings,
                Clock clock) {
        store = Store.open(StoreSettings.sqlite(dataDir));
        dispatcher = new OutboxDispatcher(store.outbox(), channels, settings, clock, HALF).start();
        notifier = new AlertNotifier(AlertRouting.allByDefault(severities), store, clock, dispatcher::wake);
    }

    /** Webhook channels by name and URL, each taking the given severities. */
    static AlertSystem webhooks(Path dataDir, Map<String, URI> urls, Set<Severity> severities, DispatchSettings settings,
                                Clock clock) {
        Map<String, Set<Severity>> taken = new LinkedHashMap<>();
        urls.keySet().forEach(name -> taken.put(name, severities));
        List<Channel> channels = urls.entrySet().stream().map(e -> webhook(e.getKey(), e.getValue(), severities, clock)).toList();
        return new AlertSystem(dataDir, channels, taken, settings, clock);
    }

    static Channel webhook(String name, URI url, Set<Severity> severities, Clock clock) {
        return Channels.create(new ChannelConfig(name, ChannelType.WEBHOOK, severities, Map.of("url", url.toString())),
                Channels.httpClient(), clock);
    }

    @Override
    public void close() {
        dispatcher.close();
        store.close();
    }
}
