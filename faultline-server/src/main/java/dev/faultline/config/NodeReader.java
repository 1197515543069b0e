package dev.faultline.config;

import dev.faultline.check.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads values out of a composed YAML tree, reporting each problem at its node and going on, so
 * that one pass finds every error. A read that fails returns empty after reporting; a caller
 * then uses a default only to keep checking the rest, never to produce a config.
 */
final class NodeReader {

    private static final int MAX_MERGE_DEPTH = 8;

    private final ConfigErrors errors;
    private final Variables variables;

    NodeReader(ConfigErrors errors, Variables variables) {
        this.errors = errors;
        this.variables = variables;
    }

    ConfigErrors errors() {
        return errors;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /**
     * A mapping whose keys are all in {@code allowed} ({@code null}: any key). Unknown and
     * duplicate keys are reported; null reads as an empty mapping. Merge keys ({@code <<: *anchor})
     * are applied, keys given explicitly winning.
     */
    Optional<Section> section(Node node, String path, List<String> allowed) {
        if (isNull(node)) return Optional.of(new Section(node, path, Map.of()));
        if (!(node instanceof MappingNode mapping)) {
            errors.at(node, path, "expected a map" + (allowed == null ? "" : " with the keys " + String.join(", ", allowed))
                    + ", got " + describe(node));
            return Optional.empty();
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        collect(mapping, path, entries, 0);
        if (allowed != null) {
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                String key = e.getKey();
                if (!allowed.contains(key) && !(path.isEmpty() && key.startsWith("x-"))) {
                    errors.at(e.getValue().getKeyNode(), Section.child(path, key), "unknown key '" + key + "'"
                            + Suggestions.didYouMean(key, allowed) + "; allowed keys: " + String.join(", ", allowed));
                }
            }
        }
        return Optional.of(new Section(node, path, entries));
    }

    private void collect(MappingNode mapping, String path, Map<String, NodeTuple> entries, int depth) {
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                Node source = tuple.getValueNode();
                if (source instanceof SequenceNode seq) merged.addAll(seq.getValue()); else merged.add(source);
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalar)) {
                errors.at(keyNode, path, "a key must be a plain name, got " + describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null && depth == 0) {
                errors.at(keyNode, Section.child(path, key), "duplicate key '" + key + "': already given at line "
                        + (first.getKeyNode().getStartMark().getLine() + 1));
            }
        }
        for (Node source : merged) {
            if (!(source instanceof MappingNode sourceMapping) || depth >= MAX_MERGE_DEPTH) {
                errors.at(source, path, "'<<' merges a map (such as *anchor), got " + describe(source));
                continue;
            }
            Map<String, NodeTuple> inherited = new LinkedHashMap<>();
            collect(sourceMapping, path, inherited, depth + 1);
            inherited.forEach(entries::putIfAbsent);
        }
    }

    /** The items of a list; null reads as an empty list. */
    Optional<List<Node>> list(Node node, String path) {
        if (isNull(node)) return Optional.of(List.of());
        if (node instanceof SequenceNode seq) return Optional.of(seq.getValue());
        errors.at(node, path, "expected a list, got " + describe(node));
        return Optional.empty();
    }

    /** A single value with its {@code ${VAR}}s replaced. */
    Optional<String> text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            errors.at(node, path, "expected a single value, got " + describe(node));
            return Optional.empty();
        }
        return variables.expand(scalar.getValue(), (needle, message) -> errors.within(node, needle, path, message));
    }

    /** A single value turned into T by a parser whose IllegalArgumentException says what is wrong. */
    <T> Optional<T> parse(Node node, String path, Function<String, T> parser) {
        Optional<String> text = text(node, path);
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(parser.apply(text.get()));
        } catch (IllegalArgumentException e) {
            errors.at(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    /** A value read earlier turned into T, reporting the parser's complaint where the value was given. */
    <T> Optional<T> parse(Located<String> value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value.value()));
        } catch (IllegalArgumentException e) {
            errors.at(value.node(), value.path(), e.getMessage());
            return Optional.empty();
        }
    }

    Optional<Integer> integer(Node node, String path) {
        return parse(node, path, text -> {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
            }
        });
    }

    Optional<Boolean> bool(Node node, String path) {
        return parse(node, path, text -> switch (text.strip()) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        });
    }

    Optional<Duration> duration(Node node, String path) {
        return parse(node, path, Durations::parse);
    }

    /** A list of single values, or one single value standing for a list of one; empty when it is neither. */
    Optional<List<Located<String>>> texts(Node node, String path) {
        Optional<List<Node>> list = node instanceof ScalarNode && !isNull(node) ? Optional.of(List.of(node)) : list(node, path);
        if (list.isEmpty()) return Optional.empty();
        List<Node> items = list.get();
        List<Located<String>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = items.size() == 1 && item == node ? path : Section.item(path, i);
            text(item, itemPath).ifPresent(value -> out.add(new Located<>(value, item, itemPath)));
        }
        return Optional.of(out);
    }

    /** A value with the node and path it came from, for errors found later (duplicates, references). */
    record Located<T>(T value, Node node, String path) {}

    /** Reports a value used twice, pointing back at the first use. */
    <T> boolean unique(Located<T> value, Map<T, Located<T>> seen, String what) {
        Located<T> first = seen.putIfAbsent(value.value(), value);
        if (first == null) return true;
        errors.at(value.node(), value.path(), "duplicate " + what + " '" + value.value() + "': already used by "
                + first.path() + " (line " + (first.node().getStartMark().getLine() + 1) + ")");
        return false;
    }

    static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a map";
            case SequenceNode s -> "a list";
            case ScalarNode s -> isNull(s) ? "nothing" : "'" + s.getValue() + "'";
            default -> "an alias";
        };
    }

    /** Reads an optional key and hands its value on; false when the key is there but its value is wrong (and reported). */
    <T> boolean into(Section section, String key, Consumer<T> into, BiFunction<Node, String, Optional<T>> how) {
        Optional<Node> node = section.value(key);
        if (node.isEmpty()) return true;
        Optional<T> value = how.apply(node.get(), section.pathOf(key));
        value.ifPresent(into);
        return value.isPresent();
    }

    /** The value of a key that must be there, reporting a missing key at the map and a null value at the key. */
    Optional<Node> required(Section section, String key) {
        var entry = section.entries().get(key);
        if (entry == null) {
            errors.at(section.node(), section.path(), "missing required key '" + key + "'");
            return Optional.empty();
        }
        if (isNull(entry.getValueNode())) {
            errors.at(entry.getValueNode(), section.pathOf(key), "needs a value");
            return Optional.empty();
        }
        return Optional.of(entry.getValueNode());
    }

    /** A required single value, with where it was given. */
    Optional<Located<String>> requiredText(Section section, String key) {
        String path = section.pathOf(key);
        return required(section, key).flatMap(n -> text(n, path).map(v -> new Located<>(v, n, path)));
    }
}
