package dev.faultline.web;

import dev.faultline.cdn.CdnWatch;
import dev.faultline.trend.CdnFinding;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/findings}: what CDNs hide right now (masked outages, stale edges). */
public final class FindingApi {

    private final CdnWatch cdn;

    public FindingApi(CdnWatch cdn) {
        this.cdn = cdn;
    }

    void findings(Context ctx) {
        ctx.json(cdn.current().stream().map(FindingApi::view).toList());
    }

    private static Map<String, Object> view(CdnFinding finding) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", finding.kind().id());
        view.put("severity", finding.severity().id());
        view.put("outcome", finding.outcome().id());
        view.put("edge", finding.edge());
        view.put("origin", finding.origin().orElse(null));
        view.put("since", finding.at().toString());
        view.put("summary", finding.summary());
        view.put("likely_causes", finding.likelyCauses());
        view.put("next_step", finding.nextStep());
        return view;
    }
}
