package dev.faultline.trend;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A share of checks: {@code count} of {@code of}. The count travels with the fraction, so that
 * "100 %" of two checks never looks like "100 %" of two thousand.
 */
public record Share(long count, long of) {

    /** Nothing counted out of nothing. */
    public static final Share NONE = new Share(0, 0);

    public Share {
        if (count < 0 || count > of) throw new IllegalArgumentException("share " + count + " of " + of + " is impossible");
    }

    /** The fraction between 0 and 1; 0 when there were no checks at all. */
    public double fraction() {
        return of == 0 ? 0 : (double) count / of;
    }

    /**
     * Whether the share reaches {@code fraction}: at least the fewest whole checks that make it.
     * Counts are whole, so a threshold a rounding error above a count still means that count.
     */
    public boolean reaches(double fraction) {
        return count >= Math.ceil(fraction * of - 1e-9);
    }

    /** The share as people read it, to three significant digits: {@code 12.5%}, {@code 0.347%}. */
    public String percent() {
        if (count == 0) return "0%";
        BigDecimal percent = BigDecimal.valueOf(count * 100.0 / of).round(new MathContext(3)).stripTrailingZeros();
        return percent.toPlainString() + "%";
    }

    /** For example {@code 12.5% (5 of 40)}. */
    @Override
    public String toString() {
        return percent() + " (" + count + " of " + of + ")";
    }
}
