package dev.faultline.web;

import dev.faultline.json.CheckResultView;
import dev.faultline.store.ResultCursor;
import dev.faultline.store.ResultPage;
import dev.faultline.store.ResultQueries;
import dev.faultline.store.Rollups;
import dev.faultline.store.Uptime;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/monitors/{id}/results} (newest first, paged) and {@code …/uptime} (from rollups). */
public final class ResultApi {

    private final MonitorApi monitors;
    private final ResultQueries results;
    private final Rollups rollups;
    private final Clock clock;

    public ResultApi(MonitorApi monitors, ResultQueries results, Rollups rollups, Clock clock) {
        this.monitors = monitors;
        this.results = results;
        this.rollups = rollups;
        this.clock = clock;
    }

    void results(Context ctx) {
        String id = monitors.monitor(ctx).id();
        Paging paging = Paging.of(ctx);
        Optional<Instant> since = Paging.instant(ctx, "since");
        Optional<ResultCursor> before = paging.cursor().map(text -> cursor(text, ctx));
        ResultPage page = results.recent(id, paging.limit(), since, before);
        ctx.json(page.results().stream().map(CheckResultView::of).toList());
        Paging.next(ctx, page.next().map(ResultCursor::encode));
    }

    void uptime(Context ctx) {
        String id = monitors.monitor(ctx).id();
        Uptime uptime = rollups.uptime(id, clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("24h", percent(uptime.last24h()));
        body.put("7d", percent(uptime.last7d()));
        body.put("30d", percent(uptime.last30d()));
        body.put("90d", percent(uptime.last90d()));
        body.put("as_of", uptime.asOf().toString());
        ctx.json(body);
    }

    // Three decimals: 99.999 % and 100 % are different promises.
    private static Double percent(Uptime.Availability availability) {
        return availability.percent().isPresent() ? Math.round(availability.percent().getAsDouble() * 1000) / 1000.0 : null;
    }

    private static ResultCursor cursor(String text, Context ctx) {
        try {
            return ResultCursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiRequestException.badParameter("cursor", "not a cursor this API gave out", ctx.path());
        }
    }
}
