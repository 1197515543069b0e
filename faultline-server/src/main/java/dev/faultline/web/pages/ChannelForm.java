package dev.faultline.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.config.ConfigError;
import dev.faultline.secret.Masks;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The add/edit form of a channel: what was typed, field by field, and the error beside each. The
 * form becomes the same JSON payload the API takes, read by the same reader ({@link ChannelPayloads}).
 * A credential is never sent to the browser in clear: a stored one shows as its mask (sending the
 * mask back keeps it, as with the API), and one typed into a form that comes back with errors is
 * replaced by the stored mask, or by nothing, and asked for again ({@link #retype}).
 *
 * @param severities the ids ticked, as sent
 * @param values     each setting's text by key, as typed or as shown (masked)
 * @param retype     the credentials typed in that the form does not show again
 */
public record ChannelForm(String name, ChannelType type, List<String> severities, Map<String, String> values, Set<String> retype,
                          Map<String, String> errors) {

    /** The severities a channel can be sent, in the order the form lists them. */
    public static final List<Severity> SENDABLE = List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO);

    public ChannelForm {
        severities = List.copyOf(severities);
        values = Map.copyOf(values);
        retype = Set.copyOf(retype);
        errors = Map.copyOf(errors);
    }

    /** A new channel of this type: nothing typed yet, the default severities ticked. */
    static ChannelForm blank(ChannelType type) {
        return new ChannelForm("", type, ids(ChannelConfig.DEFAULT_SEVERITIES), Map.of(), Set.of(), Map.of());
    }

    /** A stored channel as the form shows it: its credentials masked. */
    static ChannelForm of(ChannelConfig config) {
        return new ChannelForm(config.name(), config.type(), ids(config.severities()), ChannelPayloads.shown(config), Set.of(),
                Map.of());
    }

    /** What was posted for a channel of this type; only the type's own settings are read. */
    static ChannelForm of(Context ctx, ChannelType type, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ChannelFields.Field field : ChannelFields.of(type)) values.put(field.key(), field(ctx, field.key()));
        return new ChannelForm(name, type, ctx.formParams("severities"), values, Set.of(), Map.of());
    }

    /** The API's payload: every field filled in; one left empty is left out, so its default applies or it is cleared. */
    String payload(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name.strip()); // even empty: the reader then names the field
        body.put("type", type.id());
        body.set("severities", mapper.valueToTree(severities));
        values.forEach((key, value) -> put(body, key, value));
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a form as JSON", e);
        }
    }

    /** The form again with the reader's errors beside their fields. */
    ChannelForm rejected(List<ConfigError> found, Optional<ChannelConfig> stored) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConfigError error : found) errors.merge(fieldOf(error.path()), error.message(), (a, b) -> a + "; " + b);
        return rejected(errors, stored);
    }

    /** The form again with these errors by field; no credential typed in is sent back. */
    ChannelForm rejected(Map<String, String> errors, Optional<ChannelConfig> stored) {
        Map<String, String> shown = new LinkedHashMap<>(values);
        Set<String> retype = new LinkedHashSet<>();
        for (String key : type.secretKeys()) {
            String typed = values.getOrDefault(key, "");
            String kept = stored.map(c -> c.settings().get(key)).orElse(null);
            if (typed.isBlank() || Masks.keeps(typed, kept)) continue;
            shown.put(key, kept == null ? "" : Masks.mask(kept));
            retype.add(key);
        }
        return new ChannelForm(name, type, severities, shown, retype, errors);
    }

    public List<ChannelFields.Field> fields() {
        return ChannelFields.of(type);
    }

    public String typeLabel() {
        return ChannelFields.label(type);
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    public boolean ticked(Severity severity) {
        return severities.contains(severity.id());
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public boolean mustRetype(String key) {
        return retype.contains(key);
    }

    /** The form field an error path belongs to ({@code url}, {@code severities[1]}); anything else shows at the top. */
    String fieldOf(String path) {
        String head = path.replaceAll("[.\\[].*", "");
        if (head.equals("name") || head.equals("severities")) return head;
        return fields().stream().anyMatch(f -> f.key().equals(head)) ? head : "form";
    }

    /** Severities as the pages list them: most severe first. */
    static List<String> ids(Set<Severity> severities) {
        return SENDABLE.stream().filter(severities::contains).map(Severity::id).toList();
    }

    private static void put(ObjectNode into, String key, String value) {
        if (value != null && !value.isBlank()) into.put(key, value.strip());
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
