package dev.faultline.config;

import dev.faultline.check.Assertion;
import dev.faultline.check.Assertion.BodyContains;
import dev.faultline.check.Assertion.BodyMatches;
import dev.faultline.check.Assertion.BodyNotContains;
import dev.faultline.check.Assertion.HeaderEquals;
import dev.faultline.check.Assertion.HeaderMatches;
import dev.faultline.check.Assertion.JsonPathEquals;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.StatusSet;
import dev.faultline.config.NodeReader.Located;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads a monitor's {@code expect} section into its spec: the status set and the assertions, parsed once. */
final class ExpectReader {

    static final List<String> KEYS = List.of("status", "body_contains", "body_not_contains", "body_regex", "json_path",
            "headers", "header_matches", "max_response_time");

    private final NodeReader reader;

    ExpectReader(NodeReader reader) {
        this.reader = reader;
    }

    /** The section read, for placing errors the spec finds later; empty when it is not a map. */
    Optional<Section> read(Node node, String path, MonitorSpec.Builder spec) {
        Optional<Section> section = reader.section(node, path, KEYS);
        section.ifPresent(s -> {
            reader.into(s, "status", spec::expect, (n, p) -> reader.parse(n, p, StatusSet::parse));
            texts(s, "body_contains", BodyContains::new, spec);
            texts(s, "body_not_contains", BodyNotContains::new, spec);
            texts(s, "body_regex", BodyMatches::parse, spec);
            // A JSON path can only be wrong in its path, a header regex only in its pattern.
            pairs(s, "json_path", JsonPathEquals::new, "null", true, spec);
            pairs(s, "headers", HeaderEquals::new, null, true, spec);
            pairs(s, "header_matches", HeaderMatches::parse, null, false, spec);
            reader.into(s, "max_response_time", spec::maxResponseTime, reader::duration);
        });
        return section;
    }

    /** One text or a list of them, each one assertion. */
    private void texts(Section s, String key, Function<String, Assertion> make, MonitorSpec.Builder spec) {
        s.value(key).flatMap(n -> reader.texts(n, s.pathOf(key))).orElse(List.of())
                .forEach(text -> reader.parse(text, make).ifPresent(spec::assertion));
    }

    /** A map of name to value, each entry one assertion; errors go to the key or to the value. */
    private void pairs(Section s, String key, BiFunction<String, String, Assertion> make, String nullMeans,
                       boolean blameKey, MonitorSpec.Builder spec) {
        Optional<Section> map = s.value(key).flatMap(n -> reader.section(n, s.pathOf(key), null));
        if (map.isEmpty()) return;
        for (Map.Entry<String, NodeTuple> entry : map.get().entries().entrySet()) {
            String name = entry.getKey();
            String path = map.get().pathOf(name);
            Node value = entry.getValue().getValueNode();
            Optional<String> text;
            if (!NodeReader.isNull(value)) {
                text = reader.text(value, path);
            } else if (nullMeans != null) {
                text = Optional.of(nullMeans);
            } else {
                reader.errors().at(value, path, "needs a value");
                text = Optional.empty();
            }
            Node blamed = blameKey ? entry.getValue().getKeyNode() : value;
            text.flatMap(v -> reader.parse(new Located<>(v, blamed, path), x -> make.apply(name, x)))
                    .ifPresent(spec::assertion);
        }
    }
}
