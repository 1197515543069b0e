package dev.faultline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The few building blocks the generators of {@link Properties#forAll} are written with. A
 * generator is a plain method or function from a {@link RandomGenerator} to a value; these draw
 * uniformly unless weights say otherwise, and every bound is inclusive.
 */
public final class Gen {

    private Gen() {
    }

    /** One choice and how often it comes up relative to the others. */
    public record Weighted<T>(int weight, Function<? super RandomGenerator, ? extends T> generator) {
        public Weighted {
            if (weight < 1) throw new IllegalArgumentException("weight: must be at least 1, got " + weight);
        }
    }

    /** A fixed value with its weight. */
    public static <T> Weighted<T> weighted(int weight, T value) {
        return new Weighted<>(weight, random -> value);
    }

    /** A generated value with its weight. */
    public static <T> Weighted<T> weightedBy(int weight, Function<? super RandomGenerator, ? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** An int from {@code min} to {@code max}, both included. */
    public static int between(RandomGenerator random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A long from {@code min} to {@code max}, both included. */
    public static long between(RandomGenerator random, long min, long max) {
        return random.nextLong(min, max + 1);
    }

    /** One of the choices, each as often as its weight says. */
    @SafeVarargs
    public static <T> T frequency(RandomGenerator random, Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) total += choice.weight();
        int pick = random.nextInt(total);
        for (Weighted<? extends T> choice : choices) {
            pick -= choice.weight();
            if (pick < 0) return choice.generator().apply(random);
        }
        throw new AssertionError("unreachable");
    }

    /** One of the generators, each as likely as the others. */
    @SafeVarargs
    public static <T> T oneOf(RandomGenerator random, Function<? super RandomGenerator, ? extends T>... generators) {
        return generators[random.nextInt(generators.length)].apply(random);
    }

    /** A list of {@code minSize} to {@code maxSize} elements, its size drawn uniformly. */
    public static <T> List<T> listOf(RandomGenerator random, int minSize, int maxSize,
                                     Function<? super RandomGenerator, ? extends T> element) {
        int size = between(random, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(element.apply(random));
        return List.copyOf(list);
    }
}
