package dev.faultline.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every error found in one file, each at its line and column. */
final class ConfigErrors {

    private final String source;
    private final String text;
    private final List<ConfigError> errors = new ArrayList<>();

    ConfigErrors(String source, String text) {
        this.source = source;
        this.text = text;
    }

    void at(Node node, String path, String message) {
        at(node.getStartMark(), path, message);
    }

    void at(Mark mark, String path, String message) {
        if (mark == null) {
            add(0, 0, path, message);
        } else {
            add(mark.getLine() + 1, mark.getColumn() + 1, path, message);
        }
    }

    /** An error at the first place within the node's source text where {@code needle} appears (the node's start otherwise). */
    void within(Node node, String needle, String path, String message) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        if (start == null || end == null) {
            at(start, path, message);
            return;
        }
        // Marks count code points; the text is indexed by chars.
        int from = text.offsetByCodePoints(0, Math.min(start.getIndex(), text.codePointCount(0, text.length())));
        int to = text.offsetByCodePoints(0, Math.min(end.getIndex(), text.codePointCount(0, text.length())));
        int found = text.substring(from, to).indexOf(needle);
        if (found < 0) {
            at(start, path, message);
            return;
        }
        int offset = from + found;
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        add(line, text.codePointCount(lineStart, offset) + 1, path, message);
    }

    void file(String message) {
        add(0, 0, "", message);
    }

    private void add(int line, int column, String path, String message) {
        errors.add(new ConfigError(source, line, column, path, message));
    }

    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In file order; errors at the same place keep the order they were found in. */
    List<ConfigError> sorted() {
        return errors.stream()
                .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                .toList();
    }
}
