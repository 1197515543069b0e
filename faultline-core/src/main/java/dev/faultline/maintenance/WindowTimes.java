package dev.faultline.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** When a maintenance window is open: once, or every week on some days between two times of day. */
public sealed interface WindowTimes {

    /** The end of the occurrence that covers {@code at} (start inclusive, end exclusive), if one does. */
    Optional<Instant> endOfOccurrenceAt(Instant at);

    /** The first start strictly after {@code after}, if there is one. */
    Optional<Instant> nextStartAfter(Instant after);

    /** From {@code start} (inclusive) to {@code end} (exclusive). */
    record Once(Instant start, Instant end) implements WindowTimes {
        public Once {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) throw new IllegalArgumentException("end: " + end + " is not after start " + start);
        }

        @Override
        public Optional<Instant> endOfOccurrenceAt(Instant at) {
            return !at.isBefore(start) && at.isBefore(end) ? Optional.of(end) : Optional.empty();
        }

        @Override
        public Optional<Instant> nextStartAfter(Instant after) {
            return start.isAfter(after) ? Optional.of(start) : Optional.empty();
        }
    }

    /**
     * Every week on {@code days}, from {@code from} to {@code to} in {@code zone}. A {@code to}
     * earlier than {@code from} ends on the next day (23:00 to 01:00 spans midnight); the days
     * name the day each occurrence starts.
     */
    record Weekly(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) implements WindowTimes {
        public Weekly {
            Objects.requireNonNull(days, "days");
            if (days.isEmpty()) throw new IllegalArgumentException("days: give at least one day");
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
            if (from.equals(to)) throw new IllegalArgumentException("to: " + to + " is the same time as from: the window would never be open");
        }

        @Override
        public Optional<Instant> endOfOccurrenceAt(Instant at) {
            LocalDate today = at.atZone(zone).toLocalDate();
            // An occurrence covering now started today, or yesterday when it spans midnight.
            for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
                if (!days.contains(day.getDayOfWeek())) continue;
                Instant start = startOn(day);
                Instant end = endOf(day);
                if (!at.isBefore(start) && at.isBefore(end)) return Optional.of(end);
            }
            return Optional.empty();
        }

        @Override
        public Optional<Instant> nextStartAfter(Instant after) {
            LocalDate day = after.atZone(zone).toLocalDate();
            for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
                if (!days.contains(day.getDayOfWeek())) continue;
                Instant start = startOn(day);
                if (start.isAfter(after)) return Optional.of(start);
            }
            throw new IllegalStateException("a weekly window with days " + days + " has no start within 8 days of " + after);
        }

        private Instant startOn(LocalDate day) {
            return ZonedDateTime.of(day, from, zone).toInstant();
        }

        private Instant endOf(LocalDate startDay) {
            return ZonedDateTime.of(to.isAfter(from) ? startDay : startDay.plusDays(1), to, zone).toInstant();
        }
    }
}
