package dev.faultline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.testing.ClosedPort;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The same failure table for every HTTP channel: how a provider's error answers, and no answer
 * at all, become a {@link Delivery}. Each provider's test runs it against its own notifier.
 */
public final class FailureMapping {

    /** One scripted answer and the delivery it must give. */
    public record Case(String name, int status, Map<String, String> headers, String body,
                       Class<? extends Delivery> expected, Optional<Duration> retryAfter) {
        @Override
        public String toString() {
            return name;
        }
    }

    private FailureMapping() {
    }

    public static Stream<Case> cases() {
        return Stream.of(
                new Case("500 is retryable", 500, Map.of(), "{\"error\":\"boom\"}",
                        Delivery.RetryableFailure.class, Optional.empty()),
                new Case("503 with Retry-After is retryable after that", 503, Map.of("Retry-After", "17"), "",
                        Delivery.RetryableFailure.class, Optional.of(Duration.ofSeconds(17))),
                new Case("429 with Retry-After is retryable after that", 429, Map.of("Retry-After", "42"),
                        "{\"message\":\"rate limited\"}", Delivery.RetryableFailure.class, Optional.of(Duration.ofSeconds(42))),
                new Case("400 is permanent", 400, Map.of(), "{\"message\":\"invalid payload\"}",
                        Delivery.PermanentFailure.class, Optional.empty()),
                new Case("404 is permanent", 404, Map.of(), "no such hook", Delivery.PermanentFailure.class, Optional.empty()));
    }

    /**
     * Sends through the channel made for a receiver that answers as the case says, and checks the
     * delivery; {@code channelAt} gets the receiver's base URL.
     */
    public static void check(Case c, Function<URI, Channel> channelAt) {
        try (Receiver receiver = Receiver.answering(c.status(), c.headers(), c.body())) {
            Delivery delivery = channelAt.apply(receiver.url("")).send(SampleNotifications.opened());

            assertThat(delivery).isInstanceOf(c.expected());
            assertThat(delivery.status()).isEqualTo(c.status());
            assertThat(delivery.answer()).startsWith(Integer.toString(c.status()));
            if (!c.body().isEmpty()) assertThat(delivery.answer()).contains(c.body());
            if (delivery instanceof Delivery.RetryableFailure retryable) {
                assertThat(retryable.retryAfter()).isEqualTo(c.retryAfter());
            }
        }
    }

    /** Nothing listens: retryable, no status, and the answer says there was none. */
    public static void checkRefused(Function<URI, Channel> channelAt) {
        ClosedPort closed = ClosedPort.pick();
        Delivery delivery = channelAt.apply(URI.create("http://127.0.0.1:" + closed.port()))
                .send(SampleNotifications.opened());

        assertThat(delivery).isInstanceOf(Delivery.RetryableFailure.class);
        assertThat(delivery.status()).isZero();
        assertThat(delivery.answer()).startsWith("no answer: ");
    }
}
