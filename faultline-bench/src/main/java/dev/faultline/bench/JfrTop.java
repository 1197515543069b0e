package dev.faultline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording: the methods most
 * often on top of the stack (self) and anywhere on it (inclusive), as shares of the samples.
 *
 * <p>Usage: {@code JfrTop FILE.jfr [N] [FRAME]}: the top N (20) of each; with FRAME, only the
 * samples whose stack holds a method whose {@code Class.method} name contains FRAME.
 */
public final class JfrTop {

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String only = args.length > 2 ? args[2] : null;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) continue;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) continue;
            Set<String> names = new HashSet<>();
            for (RecordedFrame frame : frames) names.add(name(frame));
            if (only != null && names.stream().noneMatch(n -> n.contains(only))) continue;
            samples++;
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            names.forEach(n -> inclusive.merge(n, 1, Integer::sum));
            var thread = event.getThread("sampledThread");
            String threadName = thread == null ? "?" : thread.getJavaName();
            threads.merge(threadName == null ? "?" : threadName.replaceAll("\\d+", "N"), 1, Integer::sum);
        }
        System.out.printf("%s: %d CPU samples%s%n", file.getFileName(), samples, only == null ? "" : " with " + only + " on the stack");
        print("threads", threads, samples, 5);
        print("self", self, samples, top);
        print("inclusive", inclusive, samples, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
