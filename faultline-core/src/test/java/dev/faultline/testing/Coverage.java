package dev.faultline.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the generated values were like, counted per label over the tries of one property, so
 * that the test can check it really exercised the cases it is about: collect in the property,
 * then, after {@link Properties#forAll} returned, require shares of the population.
 */
public final class Coverage {

    private final Map<String, Map<Object, Integer>> counts = new LinkedHashMap<>();

    /** Counts {@code value} under {@code label} for this try. */
    public void collect(String label, Object value) {
        counts.computeIfAbsent(label, l -> new LinkedHashMap<>()).merge(value, 1, Integer::sum);
    }

    /** The share, in percent, of the tries whose {@code label} was {@code value}. */
    public double percentage(String label, Object value) {
        Map<Object, Integer> values = counts.getOrDefault(label, Map.of());
        int total = values.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 0 : 100.0 * values.getOrDefault(value, 0) / total;
    }

    /**
     * @throws AssertionError unless more than {@code percent} % of the tries had {@code value}
     *                        under {@code label}, showing all the label's counts and the seed
     */
    public void requireMoreThan(String label, Object value, double percent) {
        double share = percentage(label, value);
        if (!(share > percent)) {
            throw new AssertionError(String.format(
                    "coverage: %s = %s in %.1f %% of the tries, want more than %s %% (%s); base seed %d (-D%s)",
                    label, value, share, percent, describe(label), Properties.baseSeed(), Properties.SEED_PROPERTY));
        }
    }

    /** A label's counts, such as {@code one 209, several 135, none 56}. */
    public String describe(String label) {
        return counts.getOrDefault(label, Map.of()).entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", ", label + ": ", ""));
    }

    @Override
    public String toString() {
        return counts.keySet().stream().map(this::describe).collect(Collectors.joining("; "));
    }
}
