package dev.faultline.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.FaultlineVersion;
import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Channels;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.alert.outbox.DispatchSettings;
import dev.faultline.alert.outbox.OutboxDispatcher;
import dev.faultline.check.CheckJudge;
import dev.faultline.check.Severity;
import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.config.ServerSettings;
import dev.faultline.incidents.ConfirmPolicies;
import dev.faultline.incidents.IncidentService;
import dev.faultline.incidents.ScheduledAlarms;
import dev.faultline.incidents.StripedExecutor;
import dev.faultline.incidents.TimelineNotifications;
import dev.faultline.json.Json;
import dev.faultline.metrics.CheckCounters;
import dev.faultline.metrics.MetricsEndpoint;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.schedule.Scheduler;
import dev.faultline.schedule.SchedulerLimits;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.trend.RetryAfterBackoff;
import dev.faultline.trend.TrendThresholds;
import dev.faultline.web.AlertApi;
import dev.faultline.web.ChannelApi;
import dev.faultline.web.IncidentApi;
import dev.faultline.web.MaintenanceApi;
import dev.faultline.web.MonitorApi;
import dev.faultline.web.ResultApi;
import dev.faultline.web.TrendApi;
import dev.faultline.web.FindingApi;
import dev.faultline.cdn.CdnWatch;
import dev.faultline.trend.MaskedOutage;
import dev.faultline.trend.StaleCache;
import dev.faultline.web.WebServer;
import dev.faultline.web.pages.Pages;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code faultline run}: every part built here by its constructor, in
 * the order it depends on the others, and closed in the reverse order.
 */
public final class FaultlineServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultlineServer.class);
    static final String LOCAL_REGION = "local";
    // Each monitor's events run in order on one stripe; more stripes let monitors wait on the database side by side.
    private static final int INCIDENT_STRIPES = 16;

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final AtomicReference<FaultlineConfig> config;
    private final ConfigLoader loader;
    private final MonitorRegistry registry;
    private final WebServer web;
    private final Store store;
    private final CdnWatch cdn;
    private final AlertNotifier notifier;
    private final IncidentService incidents;
    private final MaintenanceRegistry maintenance;

    private FaultlineServer(FaultlineConfig initial, Optional<Path> configFile, ConfigLoader loader, Clock clock) {
        this.config = new AtomicReference<>(initial);
        this.loader = loader;
        try {
            ServerSettings settings = initial.server();
            ObjectMapper mapper = Json.mapper();
            // Where alerts link back to: the API as this server serves it.
            URI apiBase = URI.create("http://" + settings.host() + ":" + settings.port());

            Store store = own(Store.open(storeSettings(settings)));
            this.store = store;
            LatestResults latest = new LatestResults();
            store.results().latestByMonitor().values().forEach(latest::record);
            CheckCounters counters = new CheckCounters();
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

            // Alerts: channels as configured (a changed channel applies at the next start), the
            // dispatcher closed before the store, so that the sends under way can be recorded.
            Map<String, Channel> channels = channels(initial, clock);
            OutboxDispatcher dispatcher = own(new OutboxDispatcher(store.outbox(), channels.values(), DispatchSettings.DEFAULT,
                    clock, new Random()).start());
            notifier = new AlertNotifier(routing(initial), store, clock, dispatcher::wake);
            ScheduledAlarms alarms = own(new ScheduledAlarms(clock));
            StripedExecutor stripes = own(new StripedExecutor(INCIDENT_STRIPES, "faultline-incidents", Duration.ofSeconds(10)));
            LocalRechecks rechecks = new LocalRechecks();
            AlertingNotifications notifications =
                    new AlertingNotifications(new TimelineNotifications(store.incidents()), notifier, clock, apiBase);
            IncidentService incidents = new IncidentService(clock, store, rechecks, notifications, alarms, stripes,
                    ConfirmPolicies.of(initial), MaintenanceCalendar.EMPTY);
            this.incidents = incidents;

            HttpProber prober = new HttpProber(ProbeClients.create(false), new CheckJudge(new JacksonJsonValueReader(mapper)),
                    clock, FaultlineVersion.userAgent());
            // The sink needs the back-off, which needs the registry, which needs the scheduler: tie the knot once.
            AtomicReference<RetryAfterBackoffs> backoffs = new AtomicReference<>();
            cdn = new CdnWatch(latest, this::nameOf, MaskedOutage.DEFAULT, StaleCache.DEFAULT);
            cdn.pairs(cdnPairs(initial));
            Scheduler scheduler = own(new Scheduler(clock, (monitor, region) -> prober.check(monitor.id(), monitor.spec(), region),
                    result -> {
                        latest.record(result);
                        counters.count(result);
                        cdn.onResult(result);
                        store.writer().submit(result);
                        backoffs.get().apply(result);
                        incidents.accept(result);
                    }, SchedulerLimits.DEFAULTS));
            rechecks.attach(scheduler);

            maintenance = new MaintenanceRegistry(new StoredMaintenanceWindows(store.maintenance()), incidents::replaceCalendar);
            maintenance.replaceConfigWindows(initial.maintenance()); // before the monitors, which start in or out of maintenance

            // The registry's listener asks the registry which monitors are paused: tie the knot once.
            AtomicReference<MonitorRegistry> registryRef = new AtomicReference<>();
            registry = new MonitorRegistry(new StoredApiMonitors(store.monitors()), monitors -> {
                incidents.replaceMonitors(monitors); // first: a new monitor's first result must find its state
                scheduler.replaceAll(monitors.stream().filter(m -> !registryRef.get().isPaused(m.id())).toList());
                forgetRemoved(monitors, latest, counters);
            });
            registryRef.set(registry);
            backoffs.set(new RetryAfterBackoffs(RetryAfterBackoff.DEFAULT, registry, scheduler));
            SchedulerMetrics.bind(meters, scheduler, store.writer(), backoffs.get()::count);
            cdn.listen(new MaskedOutageAlerts(notifier, registry, latest, clock, apiBase)::changed);
            registry.replaceConfigMonitors(monitors(initial));
            scheduler.start();

            ChannelApi channelApi = new ChannelApi(channels, clock, mapper);
            MonitorApi monitorApi = new MonitorApi(registry, latest, loader, config::get, mapper);
            web = own(WebServer.start(settings.host(), settings.port(), new WebServer.Parts(monitorApi,
                    new ResultApi(monitorApi, store.results(), store.rollups(), clock),
                    new TrendApi(monitorApi, store.rollups(), clock, TrendThresholds.DEFAULTS), new FindingApi(cdn),
                    new AlertApi(store.outbox(), mapper), channelApi,
                    new IncidentApi(store.incidents(), store.blips(), monitorApi, mapper),
                    new MaintenanceApi(maintenance, registry, loader, mapper, clock),
                    new MetricsEndpoint(latest, counters, meters, () -> scheduler.stats().lag()), new Health(registry, scheduler),
                    new Pages(new Pages.Sources(registry, latest, maintenance, store, loader, config::get, channelApi, mapper, clock))),
                    mapper));

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("housekeeping").daemon().factory());
            parts.add(housekeeping::shutdownNow);
            housekeeping.scheduleWithFixedDelay(() -> prune(clock, settings), 1, 60, TimeUnit.MINUTES);
            configFile.ifPresent(file -> own(new ConfigWatcher(file, Duration.ofSeconds(1), () -> reload(file))));
        } catch (RuntimeException e) {
            close(); // what started part-way must not outlive the failure
            throw e;
        }
    }

    /**
     * Starts everything; a failure part-way closes what was started and rethrows.
     *
     * @param configFile watched for changes when present
     */
    public static FaultlineServer start(FaultlineConfig config, Optional<Path> configFile, Map<String, String> environment,
                                        Clock clock) {
        return new FaultlineServer(config, configFile, new ConfigLoader(environment), clock);
    }

    public int port() {
        return web.port();
    }

    public MonitorRegistry monitors() {
        return registry;
    }

    /**
     * Where notifications go in: routed by severity to the monitor's channels and sent through the
     * alert outbox. The incident service announces openings and resolutions here, in the
     * transaction that stores them.
     */
    public AlertNotifier alerts() {
        return notifier;
    }

    /** Applies a changed config file, or keeps the running set when the file has errors. */
    void reload(Path file) {
        switch (loader.load(file)) {
            case LoadResult.Loaded loaded -> {
                try {
                    registry.replaceConfigMonitors(monitors(loaded.config()));
                    cdn.pairs(cdnPairs(loaded.config()));
                    maintenance.replaceConfigWindows(loaded.config().maintenance());
                    incidents.configure(ConfirmPolicies.of(loaded.config()));
                    config.set(loaded.config());
                    log.info("reloaded {}: {} monitors from the file", file, loaded.config().monitors().size());
                } catch (MonitorRegistry.Refused refused) {
                    log.error("{} not applied, the running monitors are kept: {}", file, refused.getMessage());
                }
            }
            case LoadResult.Rejected rejected -> {
                log.error("{} has {} error(s); not applied, the running monitors are kept:", file, rejected.errors().size());
                rejected.errors().stream().map(ConfigError::toString).forEach(line -> log.error("  {}", line));
            }
        }
    }

    private void forgetRemoved(Collection<Monitor> now, LatestResults latest, CheckCounters counters) {
        var ids = now.stream().map(Monitor::id).collect(java.util.stream.Collectors.toSet());
        latest.all().keySet().stream().filter(id -> !ids.contains(id)).toList().forEach(id -> {
            latest.forget(id);
            counters.forget(id);
        });
    }

    private void prune(Clock clock, ServerSettings settings) {
        try {
            log.info("pruned old data: {}", store.prune(clock.instant()));
            // Sent and dead alerts live as long as raw results; pending ones until they are sent.
            int alerts = store.outbox().prune(clock.instant().minus(settings.resultRetention()));
            if (alerts > 0) log.info("pruned {} old alerts", alerts);
        } catch (RuntimeException e) {
            log.error("pruning old data failed", e);
        }
    }

    private String nameOf(String monitorId) {
        return registry.find(monitorId).map(Monitor::name).orElse(monitorId);
    }

    /** Edge monitors (those with {@code origin:}) and the origin monitor behind each. */
    private static List<CdnWatch.Pair> cdnPairs(FaultlineConfig config) {
        return config.monitors().stream().filter(m -> m.cdnOrigin().isPresent())
                .map(m -> new CdnWatch.Pair(Monitor.idFor(m.name()), m.name(), Monitor.idFor(m.cdnOrigin().get()),
                        m.cdnOrigin().get()))
                .toList();
    }

    private Map<String, Channel> channels(FaultlineConfig config, Clock clock) {
        var http = Channels.httpClient();
        parts.add(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        Map<String, Channel> channels = new LinkedHashMap<>();
        config.channels().forEach(c -> channels.put(c.name(), Channels.create(c, http, clock)));
        return channels;
    }

    /** Every configured channel is a default one: a monitor that names none alerts each, by its severities. */
    private static AlertRouting routing(FaultlineConfig config) {
        Map<String, Set<Severity>> severities = new LinkedHashMap<>();
        config.channels().forEach(c -> severities.put(c.name(), c.severities()));
        return AlertRouting.allByDefault(severities);
    }

    private static List<Monitor> monitors(FaultlineConfig config) {
        return config.monitors().stream().map(m -> m.toMonitor(Monitor.Source.CONFIG)).toList();
    }

    private static StoreSettings storeSettings(ServerSettings settings) {
        StoreSettings base = settings.databaseUrl().map(StoreSettings::postgres)
                .orElseGet(() -> StoreSettings.sqlite(settings.dataDir()));
        return base.withRetention(settings.resultRetention(), StoreSettings.DEFAULT_MINUTE_RETENTION, settings.rollupRetention());
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.add(part);
        return part;
    }

    @Override
    public void close() {
        // Stop taking requests first, then stop checking, then let the incident stripes finish what they
        // hold (their alarms stay on until then), then let the store write what it holds.
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed", parts.get(i), e);
            }
        }
    }
}
