package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** How a provider's answer becomes a delivery, beyond the table every channel runs. */
class HttpDeliveryTest {

    private static Delivery post(Receiver receiver) {
        Request request = HttpDelivery.post(HttpUrl.get(receiver.url("/x").toString()),
                RequestBody.create(new byte[0], HttpDelivery.JSON_TYPE)).build();
        return TestHttp.delivery().send(request);
    }

    static Stream<Arguments> answers() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                SampleNotifications.TIME.plusSeconds(120).atZone(ZoneOffset.UTC));
        return Stream.of(
                Arguments.of(200, Map.of(), Delivery.Delivered.class, Optional.empty()),
                Arguments.of(201, Map.of(), Delivery.Delivered.class, Optional.empty()),
                Arguments.of(408, Map.of(), Delivery.RetryableFailure.class, Optional.empty()),
                Arguments.of(429, Map.of(), Delivery.RetryableFailure.class, Optional.empty()),
                Arguments.of(429, Map.of("Retry-After", inTwoMinutes), Delivery.RetryableFailure.class,
                        Optional.of(Duration.ofSeconds(120))),
                Arguments.of(502, Map.of(), Delivery.RetryableFailure.class, Optional.empty()),
                Arguments.of(301, Map.of("Location", "https://elsewhere.example/"), Delivery.PermanentFailure.class, Optional.empty()),
                Arguments.of(401, Map.of(), Delivery.PermanentFailure.class, Optional.empty()),
                Arguments.of(403, Map.of(), Delivery.PermanentFailure.class, Optional.empty()),
                Arguments.of(410, Map.of(), Delivery.PermanentFailure.class, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void statusDecidesWhetherToTryAgain(int status, Map<String, String> headers, Class<? extends Delivery> expected,
                                        Optional<Duration> retryAfter) {
        try (Receiver receiver = Receiver.answering(status, headers, "")) {
            Delivery delivery = post(receiver);

            assertThat(delivery).isInstanceOf(expected);
            assertThat(delivery.status()).isEqualTo(status);
            if (delivery instanceof Delivery.RetryableFailure r) assertThat(r.retryAfter()).isEqualTo(retryAfter);
        }
    }

    @Test
    void aLongAnswerIsCutToOneShortLine() {
        try (Receiver receiver = Receiver.answering(400, "<html>\n  <body>" + "x".repeat(10_000) + "</body>\n</html>")) {
            Delivery delivery = post(receiver);

            assertThat(delivery.answer()).startsWith("400 Bad Request: <html> <body>xxx").hasSize(Delivery.MAX_ANSWER)
                    .endsWith("…").doesNotContain("\n");
        }
    }
}
