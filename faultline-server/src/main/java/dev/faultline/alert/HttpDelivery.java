package dev.faultline.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.FaultlineVersion;
import dev.faultline.check.RetryAfter;
import dev.faultline.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP request to a provider and its answer as a {@link Delivery}: 2xx delivered; 429, 408
 * and 5xx retryable (with the provider's Retry-After); any other status permanent; no answer at
 * all (refused, reset, timed out) retryable. Shared by every HTTP channel.
 */
public final class HttpDelivery {

    public static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private static final ObjectMapper JSON = Json.mapper();
    /** Enough of any provider's answer to show what it said. */
    private static final int ANSWER_BYTES = 4096;

    private final OkHttpClient client;
    private final Clock clock;

    public HttpDelivery(OkHttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** A POST of this body with Faultline's User-Agent, for the channel to add its headers to. */
    public static Request.Builder post(HttpUrl url, RequestBody body) {
        return new Request.Builder().url(url).header("User-Agent", FaultlineVersion.userAgent()).post(body);
    }

    /** The exact bytes of a JSON document, as sent (and, for the webhook, signed). */
    public static byte[] jsonBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    public static RequestBody json(JsonNode node) {
        return RequestBody.create(jsonBytes(node), JSON_TYPE);
    }

    /** Jackson's tree factory, for building payloads. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    public Delivery send(Request request) {
        return send(request, body -> Optional.empty());
    }

    /**
     * @param retryAfterInBody the provider's wait read from its answer, for providers that put it
     *                         there rather than (or as well as) in the Retry-After header
     */
    public Delivery send(Request request, Function<String, Optional<Duration>> retryAfterInBody) {
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            String body = head(response.body());
            String answer = code + (response.message().isBlank() ? "" : " " + response.message())
                    + (body.isBlank() ? "" : ": " + body);
            if (response.isSuccessful()) return new Delivery.Delivered(code, answer);
            if (code == 429 || code == 408 || code >= 500) {
                Optional<Duration> wait = RetryAfter.parse(response.header("Retry-After"), clock.instant())
                        .or(() -> retryAfterInBody.apply(body));
                return new Delivery.RetryableFailure(code, answer, wait);
            }
            return new Delivery.PermanentFailure(code, answer);
        } catch (IOException e) {
            // OkHttp's messages name the host and port at most, never the path (where tokens live).
            return new Delivery.RetryableFailure(0, "no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), Optional.empty());
        }
    }

    private static String head(ResponseBody body) throws IOException {
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(ANSWER_BYTES), StandardCharsets.UTF_8);
        }
    }
}
