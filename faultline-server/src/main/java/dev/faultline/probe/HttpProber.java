package dev.faultline.probe;

import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Cause;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.ProbeOutcome;
import dev.faultline.check.Response;
import dev.faultline.check.ResponseHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.internal.http.HttpMethod;

/**
 * Checks one monitor once: sends its request (following redirects itself, so that loops are
 * caught and every hop stays inside the one deadline), reads a capped body, records phase
 * timings and hands the observation to the pure {@link CheckJudge}. Blocking by design: call
 * it on a virtual thread, one per in-flight check.
 */
public final class HttpProber {

    // A redirect body of known length up to this is cheap to drain on close; anything else is cancelled.
    private static final long DRAINABLE_REDIRECT_BODY = 64 * 1024;

    private final ProbeClients clients;
    private final CheckJudge judge;
    private final Clock clock;
    private final String userAgent;

    public HttpProber(ProbeClients clients, CheckJudge judge, Clock clock, String userAgent) {
        this.clients = clients;
        this.judge = judge;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    public CheckResult check(String monitorId, MonitorSpec spec, String region) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        long deadline = start + spec.timeout().toNanos();
        PhaseRecorder recorder = new PhaseRecorder();
        ProbeOutcome outcome = fetch(spec, recorder, deadline);
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        PhaseTimings timings = new PhaseTimings(recorder.dns(), recorder.connect(), recorder.tls(), recorder.firstByte(), total);
        return judge.judge(monitorId, spec, region, startedAt, outcome, timings, clock.instant());
    }

    private ProbeOutcome fetch(MonitorSpec spec, PhaseRecorder recorder, long deadline) {
        OkHttpClient client = clients.forSpec(spec);
        HttpUrl url = HttpUrl.get(spec.url().toString());
        if (spec.cacheBust()) {
            // A query no cache has seen before: the answer must come from the origin.
            url = url.newBuilder().addQueryParameter("faultline-nocache", Long.toString(System.nanoTime(), 36)).build();
        }
        String method = spec.method();
        Optional<String> body = spec.body();
        List<URI> redirects = new ArrayList<>();
        Set<HttpUrl> visited = new HashSet<>();
        visited.add(url);
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return FailureClassifier.timeout(recorder.progress(), "timeout after " + spec.timeout().toMillis() + " ms");
            }
            recorder.startHop();
            Call call = client.newCall(request(spec, url, method, body, recorder));
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (okhttp3.Response response = call.execute()) {
                String location = response.header("Location");
                if (spec.followRedirects() && response.isRedirect() && location != null) {
                    HttpUrl next = response.request().url().resolve(location);
                    if (next == null) {
                        return new ProbeOutcome.Failed(Cause.PROTOCOL_ERROR, "redirect to an unusable Location: " + location);
                    }
                    if (!visited.add(next)) {
                        return new ProbeOutcome.Failed(Cause.REDIRECT_LOOP, "redirected back to " + next + " after "
                                + redirects.size() + " redirect(s)");
                    }
                    if (redirects.size() >= spec.maxRedirects()) {
                        return new ProbeOutcome.Failed(Cause.REDIRECT_LOOP, "more than " + spec.maxRedirects()
                                + " redirects; the last one pointed to " + next);
                    }
                    redirects.add(next.uri());
                    long length = response.body().contentLength();
                    if (length < 0 || length > DRAINABLE_REDIRECT_BODY) {
                        // Its body goes unread: cancel, or close() would drain it (see the capped body below). A
                        // redirect's usual few hundred bytes are drained at once and keep the connection usable.
                        call.cancel();
                    }
                    // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
                    int code = response.code();
                    if (code == 303 || ((code == 301 || code == 302) && method.equals("POST"))) {
                        method = "GET";
                        body = Optional.empty();
                    }
                    url = next;
                    continue;
                }
                CappedBody capped = CappedBody.read(response.body(), spec.maxBodyBytes());
                if (capped.truncated()) {
                    // Closing a response with body left makes OkHttp read on for up to 100 ms to save
                    // the connection: tens of MB past the cap on a fast link. Cancelling drops it instead.
                    call.cancel();
                }
                return new ProbeOutcome.Answered(new Response(response.code(),
                        new ResponseHeaders(response.headers().toMultimap()), capped.text(), capped.bytes().length,
                        capped.truncated(), capped.sha256(), redirects, recorder.certificateNotAfter()));
            } catch (IOException e) {
                return FailureClassifier.classify(e, recorder.progress());
            }
        }
    }

    private Request request(MonitorSpec spec, HttpUrl url, String method, Optional<String> body, PhaseRecorder recorder) {
        Request.Builder builder = new Request.Builder().url(url).tag(PhaseRecorder.class, recorder);
        builder.header("User-Agent", userAgent);
        if (spec.cacheBust()) builder.header("Cache-Control", "no-cache");
        for (Header header : spec.headers()) {
            builder.addHeader(header.name(), header.value());
        }
        RequestBody requestBody = null;
        if (body.isPresent()) {
            String type = spec.headers().stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                    .map(Header::value).findFirst().orElse("application/json");
            requestBody = RequestBody.create(body.get(), MediaType.parse(type));
        } else if (HttpMethod.requiresRequestBody(method)) {
            requestBody = RequestBody.create(new byte[0]);
        }
        return builder.method(method, requestBody).build();
    }
}
