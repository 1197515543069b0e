package dev.faultline.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderTest {

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Authorization: Bearer t0k3n | Authorization | Bearer t0k3n",
            "X-Token:abc                 | X-Token       | abc",
            "\"  Accept :  text/html  \" | Accept        | text/html",
            "X-Empty:                    | X-Empty       | \"\"",
            "X-Time: 08:00:00            | X-Time        | 08:00:00",
            "X-Weird_Name.v2!: 1         | X-Weird_Name.v2! | 1",
    })
    void parsesNameColonValue(String line, String name, String value) {
        assertThat(Header.parse(line)).isEqualTo(new Header(name, value));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "NoColon            | invalid header 'NoColon': expected 'Name: value'",
            "\": value\"        | invalid header ': value': expected 'Name: value'",
            "\"\"               | invalid header '': expected 'Name: value'",
            "Bad Name: value    | invalid header name 'Bad Name'",
            "X(A): value        | invalid header name 'X(A)'",
            "\"X-\u00e9t\u00e9: value\" | invalid header name 'X-\u00e9t\u00e9'",
            "\"  : value\"      | invalid header name ''",
    })
    void rejectsALineThatIsNotAHeader(String line, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Header.parse(line)).withMessage(message);
    }

    @Test
    void rejectsLineBreaksInTheValueSoNoHeaderCanBeSmuggledIn() {
        assertThatIllegalArgumentException().isThrownBy(() -> Header.parse("X-A: 1\r\nX-Injected: 2"))
                .withMessage("invalid value for header 'X-A': no line breaks allowed");
        assertThatIllegalArgumentException().isThrownBy(() -> new Header("X-A", "1\n2"))
                .withMessage("invalid value for header 'X-A': no line breaks allowed");
        assertThatIllegalArgumentException().isThrownBy(() -> new Header("X-A", "1\r2"))
                .withMessage("invalid value for header 'X-A': no line breaks allowed");
    }

    @Test
    void responseHeadersAreFoundWhateverTheCaseAndRepeatedNamesAreMerged() {
        ResponseHeaders headers = new ResponseHeaders(Map.of("Via", List.of("1.1 edge"), "VIA", List.of("1.1 origin"),
                "Age", List.of("3")));

        assertThat(headers.first("age")).contains("3");
        assertThat(headers.all("via")).containsExactlyInAnyOrder("1.1 edge", "1.1 origin");
        assertThat(headers.first("X-Cache")).isEmpty();
        assertThat(headers.all("X-Cache")).isEmpty();
        assertThat(ResponseHeaders.NONE.first("Age")).isEmpty();
    }
}
