package dev.faultline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionSlotTest {

    @ParameterizedTest(name = "{1} among [{0}] is {2} of {3}")
    @CsvSource(delimiter = '|', value = {
            "local                  | local   | 0 | 1",
            "local, eu-west         | eu-west | 0 | 2",
            "local, eu-west         | local   | 1 | 2",
            "local, a, b            | b       | 1 | 3",
            "local, a, b            | local   | 2 | 3",
            "local, local, a        | local   | 1 | 2",   // a region listed twice checks once
            "us-east, EU, ap.tokyo  | EU      | 0 | 3",   // by character: upper case before lower case
            "us-east, EU, ap.tokyo  | us-east | 2 | 3"})
    void aRegionsSlotIsItsPlaceAmongTheMonitorsRegionNamesInSortedOrder(String regions, String region, int index, int count) {
        assertThat(RegionSlot.of(region, List.of(regions.split(",\\s*")))).isEqualTo(new RegionSlot(index, count));
    }

    @Test
    void theSlotIsTheSameWhateverOrderTheRegionsAreListedIn() {
        List<String> regions = new ArrayList<>(List.of("local", "eu-west", "us-east", "ap-south", "sa-east"));
        Random random = new Random(42);
        List<RegionSlot> first = regions.stream().sorted().map(r -> RegionSlot.of(r, regions)).toList();
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(regions, random);
            assertThat(regions.stream().sorted().map(r -> RegionSlot.of(r, regions)).toList()).isEqualTo(first);
        }
        assertThat(first).extracting(RegionSlot::index).containsExactly(0, 1, 2, 3, 4);
    }

    @ParameterizedTest(name = "slot {0} of {1} over {2} ms is {3} ms after the base phase")
    @CsvSource({"0, 1, 60000, 0", "0, 3, 60000, 0", "1, 3, 60000, 20000", "2, 3, 10000, 6666", "1, 2, 1001, 500", "2, 3, 1, 0"})
    void theShiftIsKIntervalsOverNInWholeMilliseconds(int index, int count, long intervalMillis, long shiftMillis) {
        assertThat(new RegionSlot(index, count).shiftMillis(intervalMillis)).isEqualTo(shiftMillis);
    }

    @Test
    void aRegionNotAmongTheMonitorsRegionsOrASlotOutsideTheCountIsRefused() {
        assertThatThrownBy(() -> RegionSlot.of("us", List.of("local", "eu"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region 'us' is not one of the monitor's regions [eu, local]");
        assertThatThrownBy(() -> new RegionSlot(2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region slot 2 of 2 does not exist");
        assertThatThrownBy(() -> new RegionSlot(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
