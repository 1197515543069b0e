package dev.faultline.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.FaultlineVersion;
import dev.faultline.alert.Channels;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.alert.outbox.DispatchSettings;
import dev.faultline.alert.outbox.OutboxDispatcher;
import dev.faultline.check.CheckJudge;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.channels.ChannelUsers;
import dev.faultline.channels.MissingChannels;
import dev.faultline.config.ChannelConfig;
import dev.faultline.check.Severity;
import dev.faultline.config.AgentConfig;
import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.config.MaintenanceNames;
import dev.faultline.config.ServerSettings;
import dev.faultline.config.StatusPageNames;
import dev.faultline.incidents.ConfirmPolicies;
import dev.faultline.incidents.IncidentService;
import dev.faultline.incidents.Reminders;
import dev.faultline.incidents.ScheduledAlarms;
import dev.faultline.incidents.StripedExecutor;
import dev.faultline.incidents.TimelineNotifications;
import dev.faultline.digest.DigestSchedule;
import dev.faultline.json.Json;
import dev.faultline.metrics.CheckCounters;
import dev.faultline.metrics.MetricsEndpoint;
import dev.faultline.metrics.TrendGauges;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.incident.ProbeHealth;
import dev.faultline.probe.Canaries;
import dev.faultline.probe.HttpProber;
import dev.faultline.secret.SecretBox;
import dev.faultline.secret.SecretKeys;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.regions.AgentDesk;
import dev.faultline.regions.AgentResults;
import dev.faultline.regions.AgentTokens;
import dev.faultline.regions.RegionRechecks;
import dev.faultline.regions.RegionWatch;
import dev.faultline.schedule.Scheduler;
import dev.faultline.schedule.SchedulerLimits;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.trend.RetryAfterBackoff;
import dev.faultline.anomaly.AnomalyAlerts;
import dev.faultline.anomaly.AnomalyEvaluator;
import dev.faultline.anomaly.AnomalySchedule;
import dev.faultline.trend.TrendThresholds;
import dev.faultline.web.AgentApi;
import dev.faultline.web.AlertApi;
import dev.faultline.web.AnomalyApi;
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
import dev.faultline.web.auth.Auth;
import dev.faultline.web.pages.Pages;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import okhttp3.OkHttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    // How often reminders and escalations are looked for: one small query of the open, unacknowledged critical incidents.
    private static final Duration REMINDER_TICK = Duration.ofSeconds(1);

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
    private final Auth auth;
    private final String base;
    private final Reminders reminders;
    private final ChannelRegistry channels;

    private FaultlineServer(FaultlineConfig initial, Optional<Path> configFile, ConfigLoader loader, Map<String, String> environment,
                            Clock clock) {
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

            // Alerts: the file's channels and the API's (their credentials sealed with the data
            // folder's key), changes applied to the dispatcher and the routing as they are made;
            // the dispatcher closed before the store, so that the sends under way can be recorded.
            SecretBox secrets = SecretKeys.load(environment, settings.dataDir());
            OkHttpClient http = alertHttpClient();
            channels = new ChannelRegistry(store.channels(), secrets, c -> Channels.create(c, http, clock), clock, initial.channels());
            OutboxDispatcher dispatcher = own(new OutboxDispatcher(store.outbox(), channels.channels().values(),
                    DispatchSettings.DEFAULT, clock, new Random()).start());
            notifier = new AlertNotifier(channels.routing(), store, clock, dispatcher::wake);
            channels.listen((all, routing) -> {
                dispatcher.replaceChannels(all.values());
                notifier.replaceRouting(routing);
            });
            reminders = own(new Reminders(store, notifier, clock, initial.alerts()).start(REMINDER_TICK));
            ScheduledAlarms alarms = own(new ScheduledAlarms(clock));
            StripedExecutor stripes = own(new StripedExecutor(INCIDENT_STRIPES, "faultline-incidents", Duration.ofSeconds(10)));
            String ownRegion = settings.region();
            AgentDesk agents = new AgentDesk(initial.agents().stream().map(AgentConfig::region).toList(), settings.canaries(), clock);
            RegionRechecks rechecks = new RegionRechecks(ownRegion, agents);
            AlertingNotifications notifications =
                    new AlertingNotifications(new TimelineNotifications(store.incidents()), notifier, clock, apiBase);
            IncidentService incidents = new IncidentService(clock, store, rechecks, notifications, alarms, stripes,
                    ConfirmPolicies.of(initial), MaintenanceCalendar.EMPTY);
            this.incidents = incidents;

            HttpProber prober = new HttpProber(ProbeClients.create(false), new CheckJudge(new JacksonJsonValueReader(mapper)),
                    clock, FaultlineVersion.userAgent(ownRegion));
            // The sink needs the back-off, which needs the registry, which needs the scheduler: tie the knot once.
            AtomicReference<RetryAfterBackoffs> backoffs = new AtomicReference<>();
            cdn = new CdnWatch(latest, this::nameOf, MaskedOutage.DEFAULT, StaleCache.DEFAULT);
            cdn.pairs(cdnPairs(initial));
            ProbeFaultAlerts probeFaults = new ProbeFaultAlerts(notifier, ownRegion, clock, apiBase);
            RegionWatch regionWatch = new RegionWatch(ProbeHealth.Policy.DEFAULT, latest, clock, (region, reason, cause, at) -> {
                incidents.regionHealth(region, reason.isEmpty(), at);
                probeFaults.changed(region, reason, cause, at);
            });
            ResultPipeline pipeline = new ResultPipeline(ownRegion, latest, counters, cdn, store.writer(), backoffs::get, incidents,
                    regionWatch);
            // The server's own canaries: checked before a failure without an answer is believed.
            Canaries canaries = new Canaries(prober, ownRegion, clock, pipeline::accept);
            canaries.replace(settings.canaries());
            Scheduler scheduler = own(new Scheduler(clock, (monitor, region) -> prober.check(monitor.id(), monitor.spec(), region),
                    result -> canaries.gate(result, pipeline::accept), SchedulerLimits.DEFAULTS, ownRegion));
            own(canaries.start());
            rechecks.attach(scheduler);

            maintenance = new MaintenanceRegistry(new StoredMaintenanceWindows(store.maintenance()), incidents::replaceCalendar);
            maintenance.replaceConfigWindows(initial.maintenance()); // before the monitors, which start in or out of maintenance

            // The registry's listener asks the registry which monitors are paused: tie the knot once.
            AtomicReference<MonitorRegistry> registryRef = new AtomicReference<>();
            registry = new MonitorRegistry(new StoredApiMonitors(store.monitors(), secrets), given -> {
                List<Monitor> monitors = OwnRegion.rename(given, ownRegion);
                incidents.replaceMonitors(monitors); // first: a new monitor's first result must find its state
                // A paused monitor keeps its incident state but is checked by no region.
                List<Monitor> checked = monitors.stream().filter(m -> !registryRef.get().isPaused(m.id())).toList();
                regionWatch.replaceMonitors(checked);
                agents.replaceMonitors(checked);
                scheduler.replaceAll(checked);
                forgetRemoved(monitors, latest, counters);
            });
            registryRef.set(registry);
            backoffs.set(new RetryAfterBackoffs(RetryAfterBackoff.DEFAULT, registry, scheduler));
            SchedulerMetrics.bind(meters, scheduler, store.writer(), backoffs.get()::count);
            MaskedOutageAlerts masked = new MaskedOutageAlerts(notifier, store, registry, latest, clock, apiBase);
            masked.resumeOpenEpisodes(cdn, cdnPairs(initial));
            cdn.listen(masked::changed);
            registry.replaceConfigMonitors(monitors(initial));
            warnUnmatchedMonitorNames(initial);
            warnMissingChannels();
            scheduler.start();

            auth = Auth.create(store, () -> config.get().server().access(), clock);
            TrendGauges trendGauges = new TrendGauges();
            // API monitors may name API channels too.
            ChannelPayloads channelPayloads = new ChannelPayloads(loader, mapper);
            ChannelApi channelApi = new ChannelApi(channels, new ChannelUsers(registry::all), channelPayloads, clock, mapper);
            MonitorApi monitorApi = new MonitorApi(registry, channels, latest, loader, this::configWithApiChannels, mapper);
            web = own(WebServer.start(settings.host(), settings.port(), new WebServer.Parts(monitorApi,
                    new ResultApi(monitorApi, store.results(), store.rollups(), clock),
                    new TrendApi(monitorApi, store.rollups(), store.anomalies(), clock, initial.trends(), mapper),
                    new FindingApi(cdn),
                    new AlertApi(store.outbox(), mapper), channelApi,
                    new IncidentApi(store.incidents(), incidents, store.blips(), monitorApi, mapper),
                    new MaintenanceApi(maintenance, registry, loader, mapper, clock),
                    new MetricsEndpoint(latest, counters, meters, () -> scheduler.stats().lag(), trendGauges),
                    new Health(registry, scheduler), new AnomalyApi(store.anomalies(), mapper), auth,
                    new AgentApi(new AgentTokens(initial.agents()), agents, new AgentResults(store, agents, pipeline::acceptStored, clock),
                            regionWatch::unhealthy, mapper),
                    new Pages(new Pages.Sources(registry, latest, maintenance, store, loader, this::configWithApiChannels,
                            channels, channelPayloads, mapper, clock, incidents, cdn::current))),
                    mapper));
            own(agents); // closed before the web server: waiting polls return at once
            base = "http://" + linkHost(settings.host()) + ":" + web.port();
            setupLink().ifPresent(link -> log.warn("No users yet. Create the first admin with this one-time link: {}", link));

            // Trends: anomalies once a minute from the rollups (the trends section applies at the next start).
            AnomalyEvaluator anomalies = new AnomalyEvaluator(store, registry::all, initial.trends(),
                    new AnomalyAlerts(notifier, clock, apiBase, maintenance::calendar), trendGauges, clock);
            own(new AnomalySchedule(anomalies, registry::size).start(AnomalySchedule.FIRST_DELAY));
            // The daily digest, when the file asks for one; the one missed while down goes out now.
            initial.digest().ifPresent(digest -> own(new DigestSchedule(digest, store, registry::all, dispatcher::wake, clock,
                    apiBase).start()));

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("housekeeping").daemon().factory());
            parts.add(housekeeping::shutdownNow);
            housekeeping.scheduleWithFixedDelay(() -> prune(clock, settings), 1, 60, TimeUnit.MINUTES);
            housekeeping.scheduleWithFixedDelay(this::pruneSessions, 10, 60, TimeUnit.MINUTES);
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
        return new FaultlineServer(config, configFile, new ConfigLoader(environment), environment, clock);
    }

    public int port() {
        return web.port();
    }

    /**
     * The one-time link that creates the first admin ({@code http://HOST:PORT/setup/<token>}),
     * while there is no user; empty once there is. A new link is made at each start until then.
     */
    public Optional<String> setupLink() {
        return auth.setupPath().map(path -> base + path);
    }

    /** Every HTTP route the server registered: what the access rules must cover. */
    public List<WebServer.Route> routes() {
        return web.routes();
    }

    /**
     * Where a browser on this machine reaches the server: a wildcard listen address is not one to
     * browse to, and loopback is spelled as people type it, so that the session cookie set
     * through the link is the one http://localhost:PORT sends.
     */
    private static String linkHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("127.0.0.1")) return "localhost";
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private void pruneSessions() {
        try {
            int ended = auth.prune();
            if (ended > 0) log.info("forgot {} expired sessions", ended);
        } catch (RuntimeException e) {
            log.error("pruning expired sessions failed", e);
        }
    }

    public MonitorRegistry monitors() {
        return registry;
    }

    /** Every alert channel: the config file's and those added through the API or the dashboard. */
    public ChannelRegistry channels() {
        return channels;
    }

    /**
     * Where notifications go in: routed by severity to the monitor's channels and sent through the
     * alert outbox. The incident service announces openings and resolutions here, in the
     * transaction that stores them.
     */
    public AlertNotifier alerts() {
        return notifier;
    }

    /**
     * Applies a changed config file whole, or nothing of it: not when the file has errors, a monitor
     * of it takes the id of one created through the API, or it drops a channel that a monitor
     * created through the API still names.
     */
    void reload(Path file) {
        switch (loader.load(file)) {
            case LoadResult.Loaded loaded -> {
                FaultlineConfig next = loaded.config();
                try {
                    // No monitor is saved meanwhile, so the channel check holds until the channels are replaced;
                    // both checks come before anything is applied.
                    channels.removingChannels(() -> {
                        channels.requireUnnamed(next.channels(), new ChannelUsers(() -> runningAfter(next)));
                        registry.replaceConfigMonitors(monitors(next));
                        cdn.pairs(cdnPairs(next));
                        maintenance.replaceConfigWindows(next.maintenance());
                        incidents.configure(ConfirmPolicies.of(next));
                        reminders.configure(next.alerts());
                        channels.replaceConfigChannels(next.channels());
                        config.set(next);
                    });
                    warnUnmatchedMonitorNames(next);
                    warnMissingChannels();
                    log.info("reloaded {}: {} monitors from the file", file, next.monitors().size());
                } catch (MonitorRegistry.Refused | ChannelRegistry.Refused refused) {
                    log.error("{} not applied, the running config is kept: {}", file, refused.getMessage());
                }
            }
            case LoadResult.Rejected rejected -> {
                log.error("{} has {} error(s); not applied, the running config is kept:", file, rejected.errors().size());
                rejected.errors().stream().map(ConfigError::toString).forEach(line -> log.error("  {}", line));
            }
        }
    }

    /** The monitors a reload to {@code next} leaves: those created through the API, and the file's new ones. */
    private List<Monitor> runningAfter(FaultlineConfig next) {
        return Stream.concat(registry.all().stream().filter(m -> m.source() == Monitor.Source.API),
                monitors(next).stream()).toList();
    }

    /**
     * Not errors (a page shows such a name as not monitored, a window covers it once it exists), but
     * a typo looks the same.
     */
    private void warnUnmatchedMonitorNames(FaultlineConfig config) {
        List<String> running = registry.all().stream().map(Monitor::name).toList();
        StatusPageNames.unmatched(config, running, "runs (in the file or created through the API)")
                .forEach(warning -> log.warn("{}: its status page shows it as not monitored until one does", warning));
        MaintenanceNames.unmatched(config, running, "the server runs (from the file or the API)")
                .forEach(warning -> log.warn("{}: the window covers it once a monitor of that name exists", warning));
    }

    /**
     * A channel removed from the file while the server was stopped may still be named by monitors
     * created through the API (a running server refuses that edit): their alerts would skip it
     * without a word until one is sent, so say so now. Again on each reload, until it is mended.
     */
    private void warnMissingChannels() {
        Set<String> configured = channels.all().stream().map(e -> e.config().name()).collect(Collectors.toSet());
        MissingChannels.warnings(registry.all(), configured).forEach(log::warn);
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

    private OkHttpClient alertHttpClient() {
        var http = Channels.httpClient();
        parts.add(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        return http;
    }

    /** The config as API payloads are checked against: the file's, with the API's channels beside the file's. */
    private FaultlineConfig configWithApiChannels() {
        FaultlineConfig file = config.get();
        List<ChannelConfig> all = channels.all().stream().map(ChannelRegistry.Entry::config).toList();
        return file.withChannels(all);
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
