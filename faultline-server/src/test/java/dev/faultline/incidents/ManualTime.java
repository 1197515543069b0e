package dev.faultline.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock the test moves by hand, with the alarms that go with it: an alarm runs when the test
 * moves the clock to (or past) its instant, in time order, never from inside {@link #set}.
 */
final class ManualTime extends Clock implements Alarms {

    private record Alarm(Instant at, long order, Runnable task) {}

    private Instant now;
    private long order;
    private final List<Alarm> alarms = new ArrayList<>();

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock stays in UTC");
    }

    @Override
    public synchronized void set(Instant at, Runnable task) {
        alarms.add(new Alarm(at, order++, task));
    }

    /** Moves the clock on, running each alarm that falls due on the way at its own instant. */
    void advance(Duration by) {
        Instant target = now.plus(by);
        while (true) {
            Alarm next;
            synchronized (this) {
                next = alarms.stream().filter(a -> !a.at().isAfter(target))
                        .min(Comparator.comparing(Alarm::at).thenComparingLong(Alarm::order)).orElse(null);
                if (next == null) break;
                alarms.remove(next);
                if (next.at().isAfter(now)) now = next.at();
            }
            next.task().run();
        }
        now = target;
    }

    synchronized int pendingAlarms() {
        return alarms.size();
    }
}
