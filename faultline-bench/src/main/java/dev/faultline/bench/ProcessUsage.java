package dev.faultline.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This process's CPU time (user + system, all threads: the same counters as utime + stime in
 * /proc/self/stat) at one moment of wall time, and its memory from /proc/self/status.
 */
record ProcessUsage(long wallNanos, long cpuNanos) {

    /** USER_HZ: the unit of the times in /proc/<pid>/stat; 100 on every Linux platform Java runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static ProcessUsage now() {
        return new ProcessUsage(System.nanoTime(), OS.getProcessCpuTime());
    }

    double secondsSince(ProcessUsage start) {
        return (wallNanos - start.wallNanos) / 1e9;
    }

    double cpuSecondsSince(ProcessUsage start) {
        return (cpuNanos - start.cpuNanos) / 1e9;
    }

    /** Cores busy on average between {@code start} and this moment. */
    double coresSince(ProcessUsage start) {
        return cpuSecondsSince(start) / secondsSince(start);
    }

    /**
     * CPU seconds (user + system) of each live thread of this process so far, by thread id, from
     * /proc/self/task/<tid>/stat; the kernel's thread names ({@code comm}) go into {@code names}.
     */
    static Map<Long, Double> cpuSecondsByThread(Map<Long, String> names) {
        Map<Long, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                long tid = Long.parseLong(task.getFileName().toString());
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                names.put(tid, stat.substring(open + 1, close));
                String[] fields = stat.substring(close + 2).split(" ");
                seconds.put(tid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    /**
     * The CPU seconds threads spent between two readings of {@link #cpuSecondsByThread}, summed
     * by kind of thread (digits in names dropped: all GC workers are one kind), largest first.
     */
    static Map<String, Double> cpuByThreadKind(Map<Long, Double> before, Map<Long, Double> after, Map<Long, String> names) {
        Map<String, Double> kinds = new HashMap<>();
        after.forEach((tid, seconds) -> kinds.merge(names.get(tid).replaceAll("[0-9]+", "N"),
                seconds - before.getOrDefault(tid, 0.0), Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        kinds.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return sorted;
    }

    /** User and system CPU seconds of this process so far (utime and stime of /proc/self/stat). */
    static double[] userAndSystemSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(fields[11]) / (double) TICKS_PER_SECOND,
                    Long.parseLong(fields[12]) / (double) TICKS_PER_SECOND};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The share of the CPU time between two readings of {@link #userAndSystemSeconds} spent in the kernel. */
    static double systemShare(double[] before, double[] after) {
        double user = after[0] - before[0];
        double system = after[1] - before[1];
        return user + system == 0 ? 0 : Math.round(1000 * system / (user + system)) / 1000.0;
    }

    /** The peak resident set size so far (VmHWM). */
    static long peakRssBytes() {
        return statusKibibytes("VmHWM:") * 1024;
    }

    /** The resident set size now (VmRSS). */
    static long rssBytes() {
        return statusKibibytes("VmRSS:") * 1024;
    }

    private static long statusKibibytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(field + " is not in /proc/self/status");
    }
}
