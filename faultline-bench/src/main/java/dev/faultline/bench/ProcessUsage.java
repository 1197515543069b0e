package dev.faultline.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's CPU time (user + system, all threads: the same counters as utime + stime in
 * /proc/self/stat) at one moment of wall time, and its memory from /proc/self/status.
 */
record ProcessUsage(long wallNanos, long cpuNanos) {

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
