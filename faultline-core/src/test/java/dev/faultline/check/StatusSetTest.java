package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static dev.faultline.testing.Gen.between;
import static dev.faultline.testing.Gen.listOf;
import static dev.faultline.testing.Gen.oneOf;
import static dev.faultline.testing.Properties.forAll;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusSetTest {

    private static StatusSet.Range range(int from, int to) {
        return new StatusSet.Range(from, to);
    }

    @Test
    void parsesRangesAndSingleCodes() {
        assertThat(StatusSet.parse("200-299,401").ranges()).containsExactly(range(200, 299), range(401, 401));
    }

    @Test
    void parsesAClassInEitherCase() {
        assertThat(StatusSet.parse("2xx").ranges()).containsExactly(range(200, 299));
        assertThat(StatusSet.parse("2XX,301").ranges()).containsExactly(range(200, 299), range(301, 301));
        assertThat(StatusSet.parse("1xx,5Xx").ranges()).containsExactly(range(100, 199), range(500, 599));
    }

    @Test
    void ignoresWhitespaceAroundItemsAndAroundTheDash() {
        assertThat(StatusSet.parse("  200 - 204 ,\t401 , 3xx ").ranges())
                .containsExactly(range(200, 204), range(401, 401), range(300, 399));
    }

    @Test
    void acceptsTheEdgesOfTheHttpRange() {
        assertThat(StatusSet.parse("100,599").ranges()).containsExactly(range(100, 100), range(599, 599));
        assertThat(StatusSet.parse("100-599").ranges()).containsExactly(range(100, 599));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "200-299,401 | 200, 299, 401         | 199, 300, 400, 402",
            "2xx         | 200, 250, 299         | 199, 300",
            "404         | 404                   | 403, 405",
            "'301,302'   | 301, 302              | 300, 303, 200",
            "500-504     | 500, 502, 504         | 499, 505",
    })
    void containsExactlyTheCodesItNames(String text, String inside, String outside) {
        StatusSet set = StatusSet.parse(text);
        for (String code : inside.split(",")) {
            assertThat(set.contains(Integer.parseInt(code.strip()))).as(code).isTrue();
        }
        for (String code : outside.split(",")) {
            assertThat(set.contains(Integer.parseInt(code.strip()))).as(code).isFalse();
        }
    }

    @Test
    void theDefaultIsEvery2xx() {
        assertThat(StatusSet.SUCCESS).isEqualTo(StatusSet.parse("200-299"));
        assertThat(StatusSet.SUCCESS).hasToString("2xx");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', value = {
            "200-299,401      | 2xx,401",
            "2XX              | 2xx",
            "' 201 , 204 '    | 201,204",
            "200-200          | 200",
            "100-199,500-599  | 1xx,5xx",
            "200-399          | 200-399",
            "250-349          | 250-349",
    })
    void printsItsCanonicalForm(String text, String canonical) {
        assertThat(StatusSet.parse(text)).hasToString(canonical);
    }

    @Test
    void parsingItsOwnTextGivesTheSameSet() {
        forAll(1000, StatusSetTest::ranges, ranges -> {
            StatusSet set = new StatusSet(ranges);

            assertThat(StatusSet.parse(set.toString())).isEqualTo(set);
        });
    }

    /** 1 to 6 ranges, each a class or up to 120 codes wide; the edges (100, 599, one code, 1xx, 5xx) come up often. */
    static List<StatusSet.Range> ranges(RandomGenerator random) {
        return listOf(random, 1, 6, r -> oneOf(r, StatusSetTest::someRange, StatusSetTest::aClass));
    }

    private static StatusSet.Range someRange(RandomGenerator random) {
        int from = edgy(random, 100, 599);
        return new StatusSet.Range(from, Math.min(599, from + edgy(random, 0, 120)));
    }

    private static StatusSet.Range aClass(RandomGenerator random) {
        int hundreds = between(random, 1, 5);
        return new StatusSet.Range(hundreds * 100, hundreds * 100 + 99);
    }

    /** One of the bounds one time in five, otherwise any value between them. */
    private static int edgy(RandomGenerator random, int min, int max) {
        return switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            default -> between(random, min, max);
        };
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void rejectsAnEmptySet(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusSet.parse(text))
                .withMessage("empty status set: give codes such as 200-299,401");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "abc       | invalid status set 'abc': 'abc' is not a three-digit status code",
            "600       | invalid status set '600': '600' is out of range: codes run from 100 to 599",
            "99        | invalid status set '99': '99' is not a three-digit status code",
            "099       | invalid status set '099': '099' is out of range: codes run from 100 to 599",
            "20        | invalid status set '20': '20' is not a three-digit status code",
            "2000      | invalid status set '2000': '2000' is not a three-digit status code",
            "299-200   | invalid status set '299-200': '299-200' runs backwards",
            "200-600   | invalid status set '200-600': '600' is out of range: codes run from 100 to 599",
            "6xx       | invalid status set '6xx': '6xx' is out of range: classes run from 1xx to 5xx",
            "0xx       | invalid status set '0xx': '0xx' is out of range: classes run from 1xx to 5xx",
            "axx       | invalid status set 'axx': 'axx' is not a status class such as 2xx",
            "2x        | invalid status set '2x': '2x' is not a three-digit status code",
            "2xx,,401  | invalid status set '2xx,,401': it has an empty item (check the commas)",
            "200,      | invalid status set '200,': it has an empty item (check the commas)",
            "\",200\"    | invalid status set ',200': it has an empty item (check the commas)",
            "200-      | invalid status set '200-': '200-' is not a range such as 200-299",
            "-299      | invalid status set '-299': '-299' is not a range such as 200-299",
            "200-299-300 | invalid status set '200-299-300': '299-300' is not a three-digit status code",
            "2xx,abc   | invalid status set '2xx,abc': 'abc' is not a three-digit status code",
            "+200      | invalid status set '+200': '+200' is not a three-digit status code",
            "\u0662\u0660\u0660 | invalid status set '\u0662\u0660\u0660': '\u0662\u0660\u0660' is not a three-digit status code",
            "\u0662xx  | invalid status set '\u0662xx': '\u0662xx' is not a status class such as 2xx",
    })
    void rejectsABadItemNamingItAndWhy(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusSet.parse(text)).withMessage(message);
    }

    @Test
    void aSetNeedsAtLeastOneRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StatusSet(List.of()))
                .withMessage("a status set needs at least one code");
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"99, 200", "200, 600", "300, 200"})
    void aRangeStaysWithinTheHttpCodesAndRunsForwards(int from, int to) {
        assertThatIllegalArgumentException().isThrownBy(() -> range(from, to))
                .withMessage("bad status range " + from + "-" + to);
    }
}
