package dev.faultline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.CheckResult;
import dev.faultline.config.AgentConfig;
import dev.faultline.json.AgentWire.ResultBatch;
import dev.faultline.json.ResultJson;
import dev.faultline.regions.AgentDesk;
import dev.faultline.regions.AgentResults;
import dev.faultline.regions.AgentTokens;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' side of the API, {@code /api/v1/agent/{region}/...}, authenticated here by the
 * region's own token ({@code Authorization: Bearer}); and {@code GET /api/v1/agents}, the
 * operators' view of every configured region. A refused token is logged with the region claimed
 * and the client's address, never the token.
 */
public final class AgentApi {

    private static final Logger log = LoggerFactory.getLogger(AgentApi.class);
    /** The longest a poll waits for a change; under the usual 30 s idle timeouts of proxies on the way. */
    public static final Duration LONGEST_POLL = Duration.ofSeconds(25);
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final AgentTokens tokens;
    private final AgentDesk desk;
    private final AgentResults results;
    private final Supplier<Set<String>> unhealthyRegions;
    private final ObjectMapper mapper;

    public AgentApi(AgentTokens tokens, AgentDesk desk, AgentResults results, Supplier<Set<String>> unhealthyRegions,
                    ObjectMapper mapper) {
        this.tokens = tokens;
        this.desk = desk;
        this.results = results;
        this.unhealthyRegions = unhealthyRegions;
        this.mapper = mapper;
    }

    /** {@code GET /api/v1/agent/{region}/assignments?version=N&wait=S}: the long poll. */
    void assignments(Context ctx) throws InterruptedException {
        String region = authenticated(ctx);
        long version = Optional.ofNullable(ctx.queryParam("version")).map(v -> number("version", v, ctx)).orElse(-1L);
        long waitSeconds = Optional.ofNullable(ctx.queryParam("wait")).map(v -> number("wait", v, ctx))
                .orElse(LONGEST_POLL.toSeconds());
        Duration wait = Duration.ofSeconds(Math.clamp(waitSeconds, 0, LONGEST_POLL.toSeconds()));
        ctx.json(desk.poll(region, version, wait));
    }

    /** {@code POST /api/v1/agent/{region}/results}: a batch, stored once however often it is sent. */
    void results(Context ctx) {
        String region = authenticated(ctx);
        ResultBatch batch;
        try {
            batch = mapper.readValue(ctx.body(), ResultBatch.class);
        } catch (JsonProcessingException e) {
            throw ApiRequestException.badParameter("body", "not a result batch: " + e.getOriginalMessage(), ctx.path());
        }
        if (batch.batch() == null || !BATCH_ID.matcher(batch.batch()).matches()) {
            throw invalid(ctx, "batch", "give an id of 1 to 100 letters, digits, '.', '_' or '-'");
        }
        List<ResultJson> sent = batch.results() == null ? List.of() : batch.results();
        List<CheckResult> checked = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            CheckResult result;
            try {
                result = sent.get(i).toResult();
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                int colon = message.indexOf(": ");
                throw invalid(ctx, "results[" + i + "]" + (colon > 0 ? "." + message.substring(0, colon) : ""),
                        colon > 0 ? message.substring(colon + 2) : message);
            }
            if (!result.region().equals(region)) {
                throw invalid(ctx, "results[" + i + "].region", "'" + result.region() + "' is not this agent's region '" + region + "'");
            }
            checked.add(result);
        }
        ctx.json(results.take(region, batch.batch(), checked));
    }

    /** {@code GET /api/v1/agents}: every configured region, connected or not. */
    void list(Context ctx) {
        Set<String> unhealthy = unhealthyRegions.get();
        List<Map<String, Object>> all = new ArrayList<>();
        for (AgentDesk.Status status : desk.statuses()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("region", status.region());
            view.put("connected", status.connected());
            view.put("last_seen", status.lastSeen().map(Object::toString).orElse(null));
            view.put("results_received", status.resultsReceived());
            view.put("batches_received", status.batchesReceived());
            view.put("monitors", status.monitors());
            view.put("healthy", status.connected() && !unhealthy.contains(status.region()));
            view.put("unhealthy_reason", !status.connected() ? "not connected"
                    : unhealthy.contains(status.region()) ? "lost its own connectivity" : null);
            all.add(view);
        }
        ctx.json(all);
    }

    private String authenticated(Context ctx) {
        String region = ctx.pathParam("region");
        if (!desk.knows(region) || !tokens.admits(region, Optional.ofNullable(ctx.header("Authorization")))) {
            String named = isRegionName(region) ? "'" + region + "'" : "(an invalid region name)";
            log.warn("agent request refused: wrong or missing token for region {} from {}", named, ctx.ip());
            throw new ApiRequestException(Problem.of(401, "Unauthorized",
                    "a wrong or missing agent token for this region", ctx.path()));
        }
        return region;
    }

    private static boolean isRegionName(String region) {
        try {
            AgentConfig.requireRegionName(region);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long number(String name, String text, Context ctx) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiRequestException.badParameter(name, "'" + text + "' is not a whole number", ctx.path());
        }
    }

    private static ApiRequestException invalid(Context ctx, String field, String message) {
        return new ApiRequestException(new Problem("about:blank", "Invalid result batch", 422, field + ": " + message,
                ctx.path(), List.of(new Problem.FieldError(field, message, 0, 0))));
    }
}
