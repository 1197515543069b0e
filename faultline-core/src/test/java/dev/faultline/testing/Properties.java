package dev.faultline.testing;

import org.junit.jupiter.api.Assumptions;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Property-based tests in plain JUnit 5: {@link #forAll} runs a property against a number of
 * generated values, each from its own {@link RandomGenerator}, and on failure names the seed and
 * the try so that the failing value can be generated again exactly. No shrinking: the failure
 * message shows the whole value. The project has its own harness, not jqwik, because jqwik's
 * maintainer asks AI agents not to use it and this code is written with AI assistance.
 *
 * <p>Seeds. One base seed per test run: {@value #DEFAULT_SEED} unless the system property
 * {@value #SEED_PROPERTY} gives another (decimal or 0x hex), or {@code random} for a fresh one.
 * Each property mixes its own name into it, so properties see different values, and try
 * {@code i} of a property always gets the same seed whatever the tries before it drew.
 *
 * <p>Replay. Run the property again with the base seed from the failure message:
 * {@code ./mvnw -pl faultline-core test -Dtest='Class#method' -Dfaultline.seed=SEED}; the same
 * tries pass and the same try fails. Add {@code -Dfaultline.try=N} to run only that try; the
 * test then ends as skipped after it passes, so checks over the whole population (see
 * {@link Coverage}) are not run.
 */
public final class Properties {

    /** The system property that sets the base seed. */
    public static final String SEED_PROPERTY = "faultline.seed";

    /** The system property that narrows every property to one try, counted from 0. */
    public static final String TRY_PROPERTY = "faultline.try";

    /** The base seed when {@value #SEED_PROPERTY} is not set. */
    public static final long DEFAULT_SEED = 20261127L;

    private static final long BASE_SEED = baseSeedFrom(System.getProperty(SEED_PROPERTY));

    private Properties() {
    }

    /** A property: throws (an {@link AssertionError} usually) when the value falsifies it. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T value) throws Exception;
    }

    /** The base seed of this test run. */
    public static long baseSeed() {
        return BASE_SEED;
    }

    /**
     * Runs {@code property} on {@code tries} values from {@code generator}, each generated from a
     * fresh {@link SplittableRandom} seeded for that try. The property's name, used in seeds and
     * in failure messages, is the test method that calls this.
     *
     * @throws AssertionError naming the property, the try, the seeds, the value and how to replay it,
     *                        with what the property threw as its cause
     */
    public static <T> void forAll(int tries, Function<? super RandomGenerator, ? extends T> generator, Check<? super T> property) {
        if (tries < 1) throw new IllegalArgumentException("tries: must be at least 1, got " + tries);
        String name = callerName();
        Integer only = onlyTry(tries);
        SplittableRandom seeds = new SplittableRandom(BASE_SEED ^ ((long) name.hashCode() << 32));
        for (int i = 0; i < tries; i++) {
            long trySeed = seeds.nextLong();
            if (only != null && i != only) continue;
            runTry(name, i, tries, trySeed, generator, property);
        }
        if (only != null) {
            Assumptions.abort(name + ": replayed try " + only + " of " + tries + " alone, and it passed;"
                    + " checks over all the tries were not run");
        }
    }

    private static <T> void runTry(String name, int index, int tries, long trySeed,
                                   Function<? super RandomGenerator, ? extends T> generator, Check<? super T> property) {
        T value;
        try {
            value = generator.apply(new SplittableRandom(trySeed));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(failure(name, index, tries, trySeed, "generating the value threw " + e, null), e);
        }
        try {
            property.check(value);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(failure(name, index, tries, trySeed, String.valueOf(e.getMessage()).strip(), value), e);
        }
    }

    private static String failure(String name, int index, int tries, long trySeed, String why, Object value) {
        String test = name.substring(name.lastIndexOf('.') + 1);
        return "property " + test + " failed at try " + index + " of " + tries + " (tries count from 0)"
                + ": base seed " + BASE_SEED + ", try seed " + trySeed + "\n"
                + "  replay: ./mvnw -pl faultline-core test -Dtest='" + test + "' -D" + SEED_PROPERTY + "=" + BASE_SEED
                + " [-D" + TRY_PROPERTY + "=" + index + " for this try alone]\n"
                + (value == null ? "" : "  value: " + value + "\n")
                + "  failure: " + why;
    }

    /** {@code pkg.Class#method} of the first caller outside this class. */
    private static String callerName() {
        return StackWalker.getInstance().walk(frames -> frames
                        .filter(frame -> !frame.getClassName().equals(Properties.class.getName()))
                        .findFirst())
                .map(frame -> frame.getClassName() + "#" + frame.getMethodName())
                .orElse("unknown");
    }

    private static Integer onlyTry(int tries) {
        String text = System.getProperty(TRY_PROPERTY);
        if (text == null || text.isBlank()) return null;
        int index;
        try {
            index = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TRY_PROPERTY + ": not a try number: '" + text + "'", e);
        }
        if (index < 0 || index >= tries) {
            throw new IllegalArgumentException(TRY_PROPERTY + "=" + index + ": this property has tries 0 to " + (tries - 1));
        }
        return index;
    }

    static long baseSeedFrom(String text) {
        if (text == null || text.isBlank()) return DEFAULT_SEED;
        if (text.strip().equalsIgnoreCase("random")) return new SplittableRandom().nextLong();
        try {
            return Long.decode(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + ": not a seed (a long, or random): '" + text + "'", e);
        }
    }
}
