package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"65536, 65536", "100B, 100", "512KiB, 524288", "1MiB, 1048576", "2GiB, 2147483648", "'4 KiB', 4096"})
    void readsBytesAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1MB   | invalid size '1MB': unknown unit 'MB'; use B, KiB, MiB or GiB (powers of 1024)",
            "lots  | invalid size 'lots': expected bytes or a number with KiB, MiB or GiB, e.g. 1MiB",
            "-1    | invalid size '-1': expected bytes or a number with KiB, MiB or GiB, e.g. 1MiB",
            "99999999999GiB | invalid size '99999999999GiB': too large"})
    void saysWhatIsWrongWithASize(String text, String message) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
