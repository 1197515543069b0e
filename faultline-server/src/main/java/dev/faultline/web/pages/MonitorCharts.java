package dev.faultline.web.pages;

import dev.faultline.store.PhaseSlot;
import dev.faultline.store.Rollup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Turns rollups and phase slots into the monitor page's charts. */
final class MonitorCharts {

    private MonitorCharts() {
    }

    /** The checks of one slot, merged from the rollups that start in it. */
    static final class Slot {
        final Instant start;
        long checks;
        long answered;
        long latencyMicros; // summed over the answered checks
        final Map<Integer, Long> statuses = new TreeMap<>();

        Slot(Instant start) {
            this.start = start;
        }

        long ofClass(int hundred) {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == hundred).mapToLong(Map.Entry::getValue).sum();
        }
    }

    static List<Slot> slots(List<Rollup> rollups, Instant from, Duration width, int count) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) slots.add(new Slot(from.plus(width.multipliedBy(i))));
        for (Rollup r : rollups) {
            int i = (int) (Duration.between(from, r.start()).toNanos() / width.toNanos());
            if (i < 0 || i >= count) continue;
            Slot slot = slots.get(i);
            slot.checks += r.checks();
            r.statuses().forEach((code, n) -> slot.statuses.merge(code, n, Long::sum));
            r.latency().ifPresent(l -> {
                slot.answered += l.count();
                slot.latencyMicros += l.avg().toNanos() / 1000 * l.count();
            });
        }
        return slots;
    }

    /** Stacked bars of status classes per slot (checks without an answer in grey), and the 4xx share as a line. */
    static Chart statuses(List<Slot> slots, String start, String end) {
        long max = Math.max(1, slots.stream().mapToLong(s -> s.checks).max().orElse(1));
        double w = (double) Chart.WIDTH / slots.size();
        List<Chart.Bar> bars = new ArrayList<>();
        StringJoiner rate = new StringJoiner(" ");
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.checks == 0) continue;
            double y = Chart.HEIGHT;
            long none = s.checks - s.statuses.values().stream().mapToLong(Long::longValue).sum();
            long[] counts = {s.ofClass(2), s.ofClass(3), s.ofClass(4), s.ofClass(5), Math.max(0, none)};
            String[] kinds = {"c2xx", "c3xx", "c4xx", "c5xx", "c0"};
            String[] names = {"2xx", "3xx", "4xx", "5xx", "no answer"};
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) continue;
                double h = Chart.HEIGHT * (double) counts[k] / max;
                y -= h;
                bars.add(new Chart.Bar(i * w, y, Math.max(w - 1, 0.5), h, kinds[k], names[k] + ": " + counts[k] + " checks"));
            }
            rate.add(String.format(Locale.ROOT, "%.1f,%.1f", i * w + w / 2, Chart.HEIGHT - Chart.HEIGHT * (double) counts[2] / s.checks));
        }
        return new Chart("Checks by status class", bars, rate.toString(), max + " checks", "0", start, end, List.of(
                new Chart.Legend("c2xx", "2xx"), new Chart.Legend("c3xx", "3xx"), new Chart.Legend("c4xx", "4xx"),
                new Chart.Legend("c5xx", "5xx"), new Chart.Legend("c0", "no answer"),
                new Chart.Legend("rate", "line: 4xx share (top = 100 %)")));
    }

    /** Stacked bars of mean phase times where raw results exist; elsewhere the mean total from the rollups. */
    static Chart phases(List<Slot> slots, List<PhaseSlot> phases, Instant from, Duration width, String start, String end) {
        Map<Integer, PhaseSlot> byIndex = new TreeMap<>();
        for (PhaseSlot p : phases) {
            int i = (int) (Duration.between(from, p.start()).toNanos() / width.toNanos());
            if (i >= 0 && i < slots.size()) byIndex.put(i, p);
        }
        double maxMs = 1;
        for (int i = 0; i < slots.size(); i++) {
            PhaseSlot p = byIndex.get(i);
            Slot s = slots.get(i);
            double ms = p != null ? p.total().toNanos() / 1e6 : s.answered == 0 ? 0 : s.latencyMicros / 1000.0 / s.answered;
            maxMs = Math.max(maxMs, ms);
        }
        double w = (double) Chart.WIDTH / slots.size();
        List<Chart.Bar> bars = new ArrayList<>();
        boolean totalsOnly = false;
        for (int i = 0; i < slots.size(); i++) {
            PhaseSlot p = byIndex.get(i);
            double x = i * w;
            double bw = Math.max(w - 1, 0.5);
            if (p != null) {
                double y = Chart.HEIGHT;
                double[] ms = {ms(p.dns()), ms(p.connect()), ms(p.tls()), ms(p.firstByte()),
                        Math.max(0, ms(p.total()) - ms(p.dns()) - ms(p.connect()) - ms(p.tls()) - ms(p.firstByte()))};
                String[] kinds = {"dns", "connect", "tls", "ttfb", "rest"};
                String[] names = {"DNS", "connect", "TLS", "time to first byte", "rest of the body"};
                for (int k = 0; k < ms.length; k++) {
                    if (ms[k] <= 0) continue;
                    double h = Chart.HEIGHT * ms[k] / maxMs;
                    y -= h;
                    bars.add(new Chart.Bar(x, y, bw, h, kinds[k], String.format(Locale.ROOT, "%s: %.1f ms", names[k], ms[k])));
                }
            } else if (slots.get(i).answered > 0) {
                Slot s = slots.get(i);
                totalsOnly = true;
                double ms = s.latencyMicros / 1000.0 / s.answered;
                double h = Chart.HEIGHT * ms / maxMs;
                bars.add(new Chart.Bar(x, Chart.HEIGHT - h, bw, h, "total", String.format(Locale.ROOT, "total: %.1f ms", ms)));
            }
        }
        List<Chart.Legend> legend = new ArrayList<>(List.of(new Chart.Legend("dns", "DNS"), new Chart.Legend("connect", "Connect"),
                new Chart.Legend("tls", "TLS"), new Chart.Legend("ttfb", "Time to first byte"), new Chart.Legend("rest", "Body")));
        if (totalsOnly) legend.add(new Chart.Legend("total", "Total only: from rollups, where raw results are no longer kept"));
        return new Chart("Response time by phase", bars, "", String.format(Locale.ROOT, "%.0f ms", maxMs), "0 ms", start, end, legend);
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
