package dev.faultline.probe;

import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.json.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** A real prober for tests, wired as the CLI wires it. */
final class Probes {

    static final String USER_AGENT = "Faultline/test";

    private Probes() {
    }

    static HttpProber prober(ProbeClients clients) {
        return new HttpProber(clients, new CheckJudge(new JacksonJsonValueReader(Json.mapper())), Clock.systemUTC(), USER_AGENT);
    }

    static HttpProber prober() {
        return prober(ProbeClients.create(false));
    }

    static MonitorSpec.Builder spec(URI url) {
        return MonitorSpec.builder(url).timeout(Duration.ofSeconds(5));
    }

    static CheckResult check(MonitorSpec spec) {
        return prober().check("test", spec, "local");
    }

    static CheckResult check(MonitorSpec spec, ProbeClients clients) {
        return prober(clients).check("test", spec, "local");
    }
}
