package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.check.Severity;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.store.AnomalyRepository;
import dev.faultline.trend.Anomaly;
import dev.faultline.trend.Share;
import dev.faultline.trend.TimeWindow;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/anomalies}: what the trend detectors found, newest first, paged;
 * {@code ?monitor=ID}, {@code ?state=open|all} (default all) and {@code ?severity=info|warning}.
 */
public final class AnomalyApi {

    private final AnomalyRepository anomalies;
    private final ObjectMapper mapper;

    public AnomalyApi(AnomalyRepository anomalies, ObjectMapper mapper) {
        this.anomalies = anomalies;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx);
        Optional<String> monitor = Optional.ofNullable(ctx.queryParam("monitor")).filter(m -> !m.isBlank());
        String state = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank()).orElse("all");
        if (!state.equals("open") && !state.equals("all")) {
            throw ApiRequestException.badParameter("state", "'" + state + "' is not open or all", ctx.path());
        }
        Optional<Severity> severity = Optional.ofNullable(ctx.queryParam("severity")).filter(s -> !s.isBlank())
                .map(text -> switch (text) {
                    case "info" -> Severity.INFO;
                    case "warning" -> Severity.WARNING;
                    default -> throw ApiRequestException.badParameter("severity",
                            "'" + text + "' is not info or warning (anomalies are never critical)", ctx.path());
                });
        Optional<AnomalyRepository.Position> after = paging.cursor().map(c -> AnomalyRepository.Position.parse(c).orElseThrow(
                () -> ApiRequestException.badParameter("cursor", "'" + c + "' is not a cursor this API gave", ctx.path())));
        List<AnomalyRecord> page = anomalies.list(new AnomalyRepository.Filter(monitor, state.equals("open"), severity,
                paging.limit(), after));
        ctx.json(page.stream().map(a -> view(mapper, a)).toList());
        Paging.next(ctx, page.size() == paging.limit()
                ? Optional.of(AnomalyRepository.Position.of(page.getLast()).cursor()) : Optional.empty());
    }

    /** One anomaly as the API shows it, here and in a monitor's trends. */
    static ObjectNode view(ObjectMapper mapper, AnomalyRecord a) {
        Anomaly f = a.finding();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", a.id());
        node.put("monitor_id", a.monitorId());
        node.put("monitor", a.monitorName());
        node.put("region", a.region());
        node.put("kind", f.kind().id());
        node.put("severity", f.severity().id());
        node.put("state", a.isOpen() ? "open" : "resolved");
        node.put("opened_at", a.openedAt().toString());
        node.put("last_seen_at", a.lastSeenAt().toString());
        node.put("resolved_at", a.resolvedAt().map(Object::toString).orElse(null));
        node.put("summary", f.summary());
        node.putPOJO("likely_causes", f.likelyCauses());
        node.put("next_step", f.nextStep());
        ObjectNode evidence = node.putObject("evidence");
        evidence.set("window", figures(mapper, f.window(), f.current()));
        evidence.set("baseline", figures(mapper, f.baselineWindow(), f.baseline()));
        return node;
    }

    private static ObjectNode figures(ObjectMapper mapper, TimeWindow window, Share share) {
        ObjectNode node = mapper.createObjectNode();
        node.put("from", window.from().toString());
        node.put("to", window.to().toString());
        node.put("count", share.count());
        node.put("of", share.of());
        node.put("percent", Math.round(share.fraction() * 10_000) / 100.0);
        return node;
    }
}
