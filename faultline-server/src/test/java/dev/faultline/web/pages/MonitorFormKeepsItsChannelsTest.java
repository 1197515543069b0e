package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.alert.Channels;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.channels.ChannelUsers;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.MonitorResult;
import dev.faultline.json.Json;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import dev.faultline.secret.SecretKeys;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's monitor form checks a monitor's channels and stores it while no channel can be
 * removed, as the API does (shown through the server in ChannelRemovalWaitsForMonitorSavesTest).
 * An edit keeps the channels of the monitor it read: if, between that read and the save, the
 * monitor were changed elsewhere to name none and the channel deleted, the edit would store it
 * naming a channel that is gone. The form gets the channels it checks against from the config it
 * is given; the test's config stops there until the delete has been tried, which must wait.
 */
class MonitorFormKeepsItsChannelsTest {

    @TempDir
    Path dir;

    @Test
    void aChannelDeletedWhileAnEditKeepingItIsBeingSavedWaitsAndIsRefused() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Store store = Store.open(StoreSettings.sqlite(dir)); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ChannelRegistry channels = new ChannelRegistry(store.channels(), SecretKeys.load(Map.of(), dir),
                    c -> Channels.create(c, Channels.httpClient(), clock), clock, List.of());
            channels.create(new ChannelConfig("ops", ChannelType.WEBHOOK, Set.of(Severity.CRITICAL), Map.of("url", "http://127.0.0.1:9/ops")));
            Supplier<FaultlineConfig> current = () -> MonitorFormTest.BASE.withChannels(channels.all().stream()
                    .map(ChannelRegistry.Entry::config).toList());
            MonitorRegistry monitors = new MonitorRegistry(new InMemoryMonitors(), all -> { });
            Monitor withOps = parse("[\"ops\"]", current.get());
            monitors.create(withOps);

            CountDownLatch checking = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            Supplier<FaultlineConfig> config = () -> {
                FaultlineConfig now = current.get();
                checking.countDown();
                waitFor(goOn);
                return now;
            };
            ManagePages pages = new ManagePages(monitors, channels, new MaintenanceRegistry(new NoWindows(), calendar -> { }),
                    MonitorFormTest.LOADER, config, Json.mapper());

            CompletableFuture<ManagePages.Saved> edited = CompletableFuture.supplyAsync(() -> pages.save(MonitorForm.of(withOps),
                    withOps.id()), threads);
            waitFor(checking);
            // Meanwhile, elsewhere: the monitor no longer names the channel, and the channel is deleted.
            channels.whileChannelsKept(() -> monitors.update(withOps.id(), parse("[]", current.get())));
            CompletableFuture<Void> deleted = CompletableFuture.runAsync(() -> channels.delete("ops", new ChannelUsers(monitors::all)),
                    threads);
            try {
                await().alias("the delete waits for the edit").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> !deleted.isDone());
            } finally {
                goOn.countDown();
            }

            assertThat(edited.join()).isInstanceOfSatisfying(ManagePages.Saved.Done.class,
                    done -> assertThat(done.monitor().channels()).containsExactly("ops"));
            assertThat(deleted).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(ChannelRegistry.Refused.class)
                    .withMessageStartingWith("channel 'ops' is still in the alert routing of 1 monitor: 'Checkout API'");
            assertThat(channels.find("ops")).isPresent();
        }
    }

    private static Monitor parse(String channels, FaultlineConfig config) {
        return ((MonitorResult.Loaded) MonitorFormTest.LOADER.parseMonitor("{\"name\": \"Checkout API\", \"url\": "
                + "\"http://127.0.0.1:9/\", \"channels\": " + channels + "}", "test", config)).monitor().toMonitor(Monitor.Source.API);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("waited 10 s in vain");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Revisions unchecked: this test is about channels, and its edit expects none. */
    private static final class InMemoryMonitors implements MonitorRegistry.ApiMonitorStore {
        private final Map<String, Monitor> stored = new ConcurrentHashMap<>();

        @Override
        public List<Revised> loadAll() {
            return stored.values().stream().map(m -> Revised.stored(m, 1)).toList();
        }

        @Override
        public long insert(Monitor monitor) {
            stored.put(monitor.id(), monitor);
            return 1;
        }

        @Override
        public RevisionWrite update(Monitor monitor, ExpectedRevision expected) {
            stored.put(monitor.id(), monitor);
            return new RevisionWrite.Written(1);
        }

        @Override
        public RevisionWrite delete(String id, ExpectedRevision expected) {
            stored.remove(id);
            return new RevisionWrite.Written(1);
        }

        @Override
        public Set<String> loadPaused() {
            return Set.of();
        }

        @Override
        public void setPaused(String id, boolean paused) {
        }
    }

    private static final class NoWindows implements MaintenanceRegistry.ApiWindowStore {
        @Override
        public List<MaintenanceWindow> loadAll() {
            return List.of();
        }

        @Override
        public void insert(MaintenanceWindow window) {
        }

        @Override
        public void delete(String name) {
        }
    }
}
