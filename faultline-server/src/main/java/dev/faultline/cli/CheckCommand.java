package dev.faultline.cli;

import dev.faultline.FaultlineVersion;
import dev.faultline.check.Assertion;
import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Durations;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Outcome;
import dev.faultline.check.StatusSet;
import dev.faultline.json.CheckResultView;
import dev.faultline.json.Json;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline check URL}: one check with the full verdict, like curl that explains itself. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks a URL once and says whether it is up, and if not, whose fault it is and what to do.",
                "Exit status: 0 up or degraded, 1 down, 2 usage or configuration error."})
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The http:// or https:// URL to check.")
    String url;

    @Option(names = "--method", paramLabel = "METHOD", description = "HTTP method (default: GET).")
    String method = "GET";

    @Option(names = {"-H", "--header"}, paramLabel = "'K: V'", description = "A request header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "BODY", description = "Request body (Content-Type defaults to application/json).")
    String data;

    @Option(names = "--expect", paramLabel = "CODES", description = "Status codes that count as up, e.g. 200-299,401 (default: 2xx after redirects).")
    String expect;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "One deadline for the whole check, redirects and body included (default: 10s).")
    String timeout = "10s";

    @Option(names = "--no-follow-redirects", description = "Judge the first answer, even a 3xx.")
    boolean noFollowRedirects;

    @Option(names = "--body-contains", paramLabel = "TEXT", description = "The body must contain TEXT; repeatable.")
    List<String> bodyContains = new ArrayList<>();

    @Option(names = "--body-not-contains", paramLabel = "TEXT", description = "The body must not contain TEXT; repeatable.")
    List<String> bodyNotContains = new ArrayList<>();

    @Option(names = "--body-regex", paramLabel = "RE", description = "Part of the body must match RE; repeatable.")
    List<String> bodyRegex = new ArrayList<>();

    @Option(names = "--json-path", paramLabel = "EXPR=VALUE", description = "The JSON value at EXPR (e.g. $.status) must equal VALUE; repeatable.")
    List<String> jsonPath = new ArrayList<>();

    @Option(names = "--max-response-time", paramLabel = "DURATION", description = "Slower than this is degraded (slow_response).")
    String maxResponseTime;

    @Option(names = {"-k", "--insecure"}, description = "Do not verify the TLS certificate (its expiry is still read).")
    boolean insecure;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
    Format format = Format.text;

    @Override
    public Integer call() {
        MonitorSpec monitor = buildSpec();
        HttpProber prober = new HttpProber(ProbeClients.create(false),
                new CheckJudge(new JacksonJsonValueReader(Json.mapper())), Clock.systemUTC(), FaultlineVersion.userAgent());
        CheckResult result = prober.check(monitor.name(), monitor, "local");
        var out = spec.commandLine().getOut();
        if (format == Format.json) {
            try {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(CheckResultView.of(result)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a check result always serialises", e);
            }
        } else {
            out.print(TextReport.render(result, CommandLine.Help.Ansi.AUTO.enabled()));
        }
        out.flush();
        return result.verdict().outcome() == Outcome.DOWN ? 1 : 0;
    }

    /** Every flag becomes part of one validated spec; a bad one is a usage error naming it. */
    private MonitorSpec buildSpec() {
        try {
            MonitorSpec.Builder builder = MonitorSpec.builder(MonitorSpec.parseUrl(url))
                    .method(method)
                    .timeout(Durations.parse(timeout))
                    .followRedirects(!noFollowRedirects)
                    .insecure(insecure)
                    .body(data);
            for (String header : headers) builder.header(Header.parse(header));
            if (expect != null) builder.expect(StatusSet.parse(expect));
            for (String text : bodyContains) builder.assertion(new Assertion.BodyContains(text));
            for (String text : bodyNotContains) builder.assertion(new Assertion.BodyNotContains(text));
            for (String regex : bodyRegex) builder.assertion(Assertion.BodyMatches.parse(regex));
            for (String expr : jsonPath) builder.assertion(Assertion.JsonPathEquals.parse(expr));
            if (maxResponseTime != null) builder.maxResponseTime(Durations.parse(maxResponseTime));
            MonitorSpec built = builder.build();
            // A check has no schedule: the interval only has to be no shorter than the deadline.
            return built.timeout().compareTo(built.interval()) > 0
                    ? builder.interval(built.timeout()).build() : built;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
