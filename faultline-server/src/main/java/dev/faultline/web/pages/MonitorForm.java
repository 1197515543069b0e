package dev.faultline.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.config.ConfigError;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.Revised;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The add/edit form of an API monitor: its fields as typed, and the error beside each. The form
 * becomes the same JSON payload the API takes, checked by the same reader. An edit carries the
 * revision of the monitor it was opened on ({@code revision}, a hidden field; empty when adding),
 * so that saving it after someone else saved the monitor is refused instead of undoing their change.
 */
public record MonitorForm(String name, String url, String method, String interval, String timeout, String status,
                          String bodyContains, String maxResponseTime, String tags, String revision, Map<String, String> errors) {

    /** A field of the form: its label, and its value in a form. */
    private record Field(String label, Function<MonitorForm, String> value) {
    }

    private static final List<Field> FIELDS = List.of(new Field("Name", MonitorForm::name),
            new Field("URL", MonitorForm::url), new Field("Method", MonitorForm::method),
            new Field("Interval", MonitorForm::interval), new Field("Timeout", MonitorForm::timeout),
            new Field("Expected status", MonitorForm::status),
            new Field("Body contains", MonitorForm::bodyContains),
            new Field("Max response time", MonitorForm::maxResponseTime),
            new Field("Tags", MonitorForm::tags));

    /** A field where what the person typed and what is saved now differ. */
    public record Difference(String label, String typed, String saved) {
    }

    static MonitorForm empty() {
        return new MonitorForm("", "", "GET", "", "", "", "", "", "", "", Map.of());
    }

    /** The edit form of a monitor as it is stored, with the revision it is at. */
    static MonitorForm of(Revised revised) {
        return of(revised.monitor()).withRevision(revised.revision().isPresent() ? Long.toString(revised.revision().getAsLong()) : "");
    }

    static MonitorForm of(Monitor monitor) {
        MonitorJson json = MonitorJson.of(monitor);
        MonitorJson.Expect expect = json.expect();
        return new MonitorForm(json.name(), json.url(), json.method(), json.interval(), json.timeout(),
                expect == null || expect.status() == null ? "" : expect.status(),
                expect == null || expect.bodyContains() == null ? "" : String.join(", ", expect.bodyContains()),
                expect == null || expect.maxResponseTime() == null ? "" : expect.maxResponseTime(),
                String.join(", ", monitor.tags()), "", Map.of());
    }

    static MonitorForm of(Context ctx) {
        return new MonitorForm(field(ctx, "name"), field(ctx, "url"), field(ctx, "method"), field(ctx, "interval"),
                field(ctx, "timeout"), field(ctx, "status"), field(ctx, "body_contains"), field(ctx, "max_response_time"),
                field(ctx, "tags"), field(ctx, "revision").strip(), Map.of());
    }

    /**
     * The revision the form was opened on, as a save expects it: none (any) when the form has no
     * revision field, as forms before revisions had not; a value that is no revision is met by none.
     */
    ExpectedRevision expected() {
        return expected(revision);
    }

    /** A form's revision field (the edit form's, the delete button's) as a change expects it: see {@link #expected()}. */
    static ExpectedRevision expected(String revision) {
        String given = revision.strip();
        if (given.isEmpty()) return ExpectedRevision.ANY;
        return given.matches("[0-9]{1,18}") ? ExpectedRevision.of(Long.parseLong(given)) : new ExpectedRevision.OneOf(Set.of());
    }

    MonitorForm withRevision(String revision) {
        return new MonitorForm(name, url, method, interval, timeout, status, bodyContains, maxResponseTime, tags, revision, errors);
    }

    /** The fields where this form and {@code saved} differ, in the form's order (blanks around values ignored). */
    List<Difference> differencesFrom(MonitorForm saved) {
        return FIELDS.stream().filter(f -> !f.value().apply(this).strip().equals(f.value().apply(saved).strip()))
                .map(f -> new Difference(f.label(), f.value().apply(this), f.value().apply(saved))).toList();
    }

    /**
     * The API payload. A new monitor gets only the fields the person filled in, so the file's
     * defaults apply to the rest; an edited one starts from everything it has (headers,
     * assertions, regions, channels the form does not show), and the form's fields replace or
     * clear theirs.
     */
    String payload(ObjectMapper mapper, Optional<Monitor> existing) {
        ObjectNode body = existing.map(m -> (ObjectNode) mapper.valueToTree(MonitorJson.of(m))).orElseGet(mapper::createObjectNode);
        body.remove(List.of("id", "source"));
        put(body, "name", name);
        put(body, "url", url);
        put(body, "method", method);
        put(body, "interval", interval);
        put(body, "timeout", timeout);
        ObjectNode expect = body.has("expect") ? (ObjectNode) body.get("expect") : mapper.createObjectNode();
        put(expect, "status", status);
        String shownContains = existing.map(MonitorForm::of).map(MonitorForm::bodyContains).orElse("");
        if (!bodyContains.equals(shownContains) || bodyContains.isBlank()) put(expect, "body_contains", bodyContains);
        put(expect, "max_response_time", maxResponseTime);
        if (expect.isEmpty()) body.remove("expect"); else body.set("expect", expect);
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        body.remove("tags");
        if (!tagList.isEmpty()) body.set("tags", mapper.valueToTree(tagList));
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a form as JSON", e);
        }
    }

    MonitorForm withErrors(List<ConfigError> found) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConfigError error : found) errors.merge(fieldOf(error.path()), error.message(), (a, b) -> a + "; " + b);
        return withErrors(errors);
    }

    MonitorForm withErrors(Map<String, String> errors) {
        return new MonitorForm(name, url, method, interval, timeout, status, bodyContains, maxResponseTime, tags, revision,
                Map.copyOf(errors));
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    /** The form field an error path belongs to; anything else shows at the top of the form. */
    static String fieldOf(String path) {
        return switch (path) {
            case "name", "url", "method", "interval", "timeout" -> path;
            case "expect.status" -> "status";
            case "expect.max_response_time" -> "max_response_time";
            default -> path.startsWith("expect.body_contains") ? "body_contains" : path.startsWith("tags") ? "tags" : "form";
        };
    }

    /** Sets a field the person filled in; a field left empty is removed, so the default applies. */
    private static void put(ObjectNode into, String key, String value) {
        if (value == null || value.isBlank()) into.remove(key); else into.put(key, value.strip());
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
