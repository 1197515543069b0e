package dev.faultline.testing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.faultline.testing.Properties.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PropertiesTest {

    @Test
    void runsThePropertyOncePerTry() {
        List<Integer> seen = new ArrayList<>();
        forAll(25, random -> random.nextInt(), seen::add);

        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void theSamePropertyGetsTheSameValuesEveryTime() {
        List<Long> once = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        forAll(20, random -> random.nextLong(), once::add);
        forAll(20, random -> random.nextLong(), again::add);

        assertThat(again).isEqualTo(once);
    }

    @Test
    void anotherPropertyGetsOtherValues() {
        List<Long> here = new ArrayList<>();
        forAll(20, random -> random.nextLong(), here::add);

        assertThat(here).doesNotContainAnyElementsOf(valuesOfAnotherProperty());
    }

    private static List<Long> valuesOfAnotherProperty() {
        List<Long> values = new ArrayList<>();
        forAll(20, random -> random.nextLong(), values::add);
        return values;
    }

    @Test
    void aFailureNamesTheTryTheSeedsAndTheValueAndKeepsTheCause() {
        List<Integer> seen = new ArrayList<>();
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> forAll(400, random -> random.nextInt(100), n -> {
            seen.add(n);
            assertThat(n).as("n").isLessThan(90);
        }));

        int failedTry = seen.size() - 1;
        assertThat(seen.getLast()).isGreaterThanOrEqualTo(90);
        assertThat(error).hasMessageContaining("failed at try " + failedTry + " of 400")
                .hasMessageContaining("base seed " + Properties.baseSeed() + ", try seed ")
                .hasMessageContaining("-Dfaultline.seed=" + Properties.baseSeed())
                .hasMessageContaining("-Dfaultline.try=" + failedTry)
                .hasMessageContaining("value: " + seen.getLast())
                .hasMessageContaining("[n]");
        assertThat(error.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("[n]");
    }

    @Test
    void aGeneratorThatThrowsFailsTheTry() {
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> forAll(10, random -> {
            throw new IllegalStateException("no value");
        }, value -> {
        }));

        assertThat(error).hasMessageContaining("failed at try 0 of 10").hasMessageContaining("generating the value threw")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBaseSeedIsFixedUnlessGiven() {
        assertThat(Properties.baseSeedFrom(null)).isEqualTo(Properties.DEFAULT_SEED);
        assertThat(Properties.baseSeedFrom(" ")).isEqualTo(Properties.DEFAULT_SEED);
        assertThat(Properties.baseSeedFrom("-42")).isEqualTo(-42);
        assertThat(Properties.baseSeedFrom(" 0x10 ")).isEqualTo(16);
        assertThatIllegalArgumentException().isThrownBy(() -> Properties.baseSeedFrom("abc"))
                .withMessage("faultline.seed: not a seed (a long, or random): 'abc'");
    }

    @Test
    void coverageCountsSharesOfTheTries() {
        Coverage coverage = new Coverage();
        for (int i = 0; i < 10; i++) coverage.collect("even", i % 2 == 0);
        coverage.collect("big", true);

        assertThat(coverage.percentage("even", true)).isEqualTo(50.0);
        coverage.requireMoreThan("even", true, 49);
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> coverage.requireMoreThan("even", false, 50));
        assertThat(error).hasMessageStartingWith("coverage: even = false in 50.0 % of the tries, want more than 50.0 % (even: true 5, false 5)");
        assertThat(catchThrowableOfType(AssertionError.class, () -> coverage.requireMoreThan("never", true, 0))).isNotNull();
    }
}
