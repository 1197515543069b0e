package dev.faultline.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** One YAML mapping whose keys have been checked: each key's value, in file order, and where it sits. */
final class Section {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final Node node;
    private final String path;
    private final Map<String, NodeTuple> entries;

    Section(Node node, String path, Map<String, NodeTuple> entries) {
        this.node = node;
        this.path = path;
        this.entries = Collections.unmodifiableMap(entries);
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    /** {@code monitors[0].expect} + {@code status}; keys that are not plain names are quoted: {@code json_path["$.x"]}. */
    String pathOf(String key) {
        return child(path, key);
    }

    static String child(String parent, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) return parent + "[\"" + key + "\"]";
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The value under the key, when the key is there and its value is not null. */
    Optional<Node> value(String key) {
        NodeTuple entry = entries.get(key);
        if (entry == null || NodeReader.isNull(entry.getValueNode())) return Optional.empty();
        return Optional.of(entry.getValueNode());
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** Every entry, key text to key and value nodes, in file order. */
    Map<String, NodeTuple> entries() {
        return entries;
    }
}
