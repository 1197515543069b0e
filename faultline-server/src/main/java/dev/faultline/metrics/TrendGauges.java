package dev.faultline.metrics;

import dev.faultline.trend.Rates;
import dev.faultline.trend.Share;
import dev.faultline.trend.StatusClass;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each monitor's rates over the last hour, per probe region, as the anomaly evaluator last
 * computed them (once a minute, from the rollups): the share of checks in each status class and
 * the number of checks with each status code. Only classes and codes seen in the hour are shown,
 * so a healthy monitor adds two series per region (its 2xx share and its 200 count), and a
 * monitor's series stay bounded by the codes it actually got (all regions together are a sum
 * away in PromQL, so they are not repeated).
 */
public final class TrendGauges {

    private record Key(String monitor, String region) {
    }

    private final Map<Key, Rates> hour = new ConcurrentHashMap<>();

    /** The monitor's last-hour rates in each region it has checks in; regions without any are dropped. */
    public void update(String monitorId, Map<String, Rates> byRegion) {
        hour.keySet().removeIf(k -> k.monitor().equals(monitorId) && !byRegion.containsKey(k.region()));
        byRegion.forEach((region, rates) -> {
            if (rates.total() > 0) hour.put(new Key(monitorId, region), rates); else hour.remove(new Key(monitorId, region));
        });
    }

    /** Drops the monitors that are gone. */
    public void retain(Set<String> monitorIds) {
        hour.keySet().removeIf(k -> !monitorIds.contains(k.monitor()));
    }

    void render(PrometheusText out) {
        out.header("faultline_status_class_ratio", "gauge",
                "Share of a monitor's checks in one region with an HTTP status class (none: no answer) over the window.");
        hour.forEach((k, rates) -> {
            for (StatusClass c : StatusClass.values()) {
                Share share = rates.of(c);
                if (share.count() > 0) {
                    out.sample("faultline_status_class_ratio", share.fraction(), "monitor", k.monitor(), "region", k.region(),
                            "class", c.id(), "window", "1h");
                }
            }
        });
        out.header("faultline_status_code_checks", "gauge",
                "A monitor's checks in one region with an HTTP status code (0: no answer) over the window.");
        hour.forEach((k, rates) -> rates.byCode().forEach((code, share) -> out.sample("faultline_status_code_checks",
                share.count(), "monitor", k.monitor(), "region", k.region(), "code", Integer.toString(code), "window", "1h")));
    }
}
