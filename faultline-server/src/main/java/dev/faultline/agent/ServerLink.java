package dev.faultline.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.CheckResult;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.AgentWire.Receipt;
import dev.faultline.json.AgentWire.ResultBatch;
import dev.faultline.json.ResultJson;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The agent's two calls to its server: the long poll for assignments and the batch upload.
 * A network failure is an {@link IOException} (try again later); an answer the server gives
 * on purpose but refuses is {@link Refused}.
 */
final class ServerLink implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;
    private final ObjectMapper mapper;

    /** The server said no: {@code status} tells whether trying again can help (401: fix the token; 422: never). */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }
    }

    ServerLink(AgentSettings settings, ObjectMapper mapper) {
        this.base = HttpUrl.get(settings.server().toString()).newBuilder().addPathSegments("api/v1/agent")
                .addPathSegment(settings.region()).build();
        this.authorization = "Bearer " + settings.token();
        this.mapper = mapper;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                // The poll waits up to 25 s on the server; a little more before calling the link dead.
                .readTimeout(40, TimeUnit.SECONDS)
                .writeTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    Assignment poll(long knownVersion) throws IOException, Refused {
        HttpUrl url = base.newBuilder().addPathSegment("assignments").addQueryParameter("version", Long.toString(knownVersion)).build();
        return mapper.readValue(call(new Request.Builder().url(url).get()), Assignment.class);
    }

    Receipt upload(String batchId, List<CheckResult> results) throws IOException, Refused {
        byte[] body = mapper.writeValueAsBytes(new ResultBatch(batchId, results.stream().map(ResultJson::of).toList()));
        HttpUrl url = base.newBuilder().addPathSegment("results").build();
        return mapper.readValue(call(new Request.Builder().url(url).post(RequestBody.create(body, JSON))), Receipt.class);
    }

    private String call(Request.Builder request) throws IOException, Refused {
        try (Response response = http.newCall(request.header("Authorization", authorization).build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw new Refused(response.code(), text);
            return text;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
