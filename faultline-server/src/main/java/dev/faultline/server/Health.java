package dev.faultline.server;

import dev.faultline.FaultlineVersion;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.schedule.Scheduler;
import dev.faultline.schedule.SchedulerStats;
import dev.faultline.web.WebServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /healthz}: serving, with the counts an operator glances at first. */
final class Health implements WebServer.HealthCheck {

    private final MonitorRegistry registry;
    private final Scheduler scheduler;

    Health(MonitorRegistry registry, Scheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    @Override
    public boolean ok() {
        return true;
    }

    @Override
    public Map<String, Object> status() {
        SchedulerStats stats = scheduler.stats();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "ok");
        status.put("version", FaultlineVersion.get());
        status.put("monitors", registry.size());
        status.put("checks_in_flight", stats.inFlight());
        status.put("checks_completed", stats.completed());
        status.put("schedule_lag_p99_ms", stats.lag().p99().toMillis());
        return status;
    }
}
