package dev.faultline.schedule;

import java.util.Collection;
import java.util.List;

/**
 * Which of a monitor's regions this one is: its place in the monitor's region names, sorted and
 * without repeats. Region {@code index} of {@code count} checks the monitor
 * {@code index·interval/count} after the monitor's base phase, so that the regions take turns and
 * a new failure is seen within about {@code interval/count} instead of a whole interval.
 *
 * <p>The order is the names' own ({@link String#compareTo}: by character, whatever the locale or
 * the order the config lists them in), so that the server and every agent, each given the
 * monitor's regions in its assignment, agree on it without talking. A region listed with no agent
 * running keeps its slot: its turn goes unchecked.
 *
 * @param index from zero up to, not including, {@code count}
 * @param count how many distinct regions check the monitor
 */
public record RegionSlot(int index, int count) {

    /** A monitor checked from one region only: no shift, the phase is the monitor's base phase. */
    public static final RegionSlot ONLY = new RegionSlot(0, 1);

    public RegionSlot {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("region slot " + index + " of " + count + " does not exist");
        }
    }

    /**
     * The slot of {@code region} among {@code regions}.
     *
     * @throws IllegalArgumentException when {@code region} is not one of them
     */
    public static RegionSlot of(String region, Collection<String> regions) {
        List<String> sorted = regions.stream().distinct().sorted().toList();
        int index = sorted.indexOf(region);
        if (index < 0) throw new IllegalArgumentException("region '" + region + "' is not one of the monitor's regions " + sorted);
        return new RegionSlot(index, sorted.size());
    }

    /** How far after the base phase this slot checks: {@code index·interval/count}, in whole milliseconds. */
    long shiftMillis(long intervalMillis) {
        return Math.floorDiv(Math.multiplyExact(intervalMillis, (long) index), count);
    }
}
