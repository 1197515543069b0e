package dev.faultline.config;

import dev.faultline.maintenance.MaintenanceWindow;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code faultline.yaml} (DESIGN §7): YAML with {@code ${VAR}} taken from the given
 * environment. The result is the whole configuration or every error found, never part of one.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;

    /** @param environment where {@code ${VAR}} is looked up; the composition root passes {@code System.getenv()} */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Reads and checks a file; errors name it as given, e.g. {@code faultline.yaml:3:5: ...}. */
    public LoadResult load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return rejected(source, "no such file");
        } catch (MalformedInputException e) {
            return rejected(source, "not UTF-8 text");
        } catch (IOException e) {
            return rejected(source, "cannot read the file: " + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
        }
        return parse(text, source);
    }

    /** Checks configuration text; {@code source} names it in errors. */
    public LoadResult parse(String text, String source) {
        ConfigErrors errors = new ConfigErrors(source, text);
        Composed document = compose(text, errors);
        if (!document.readable()) return new LoadResult.Rejected(errors.sorted());
        Node root = document.root();
        Optional<FaultlineConfig> config = new ConfigReader(new NodeReader(errors, new Variables(environment))).read(root);
        if (config.isEmpty() || !errors.isEmpty()) return new LoadResult.Rejected(errors.sorted());
        return new LoadResult.Loaded(config.get());
    }

    /**
     * Checks one monitor given as YAML or JSON (JSON is YAML), as the API receives it: the same
     * keys and checks as a monitor in the file, with {@code base}'s defaults and channels.
     * Error paths are relative to the monitor, e.g. {@code expect.status}.
     */
    public MonitorResult parseMonitor(String text, String source, FaultlineConfig base) {
        ConfigErrors errors = new ConfigErrors(source, text);
        Composed document = compose(text, errors);
        if (!document.readable()) return new MonitorResult.Rejected(errors.sorted());
        Node root = document.root();
        if (root == null) {
            errors.file("empty document: a monitor needs at least a name and a url");
            return new MonitorResult.Rejected(errors.sorted());
        }
        // No environment here: a payload must not be able to read the server's variables.
        Optional<MonitorConfig> monitor = new ConfigReader(new NodeReader(errors, new Variables(Map.of()))).monitor(root, base);
        if (monitor.isEmpty() || !errors.isEmpty()) return new MonitorResult.Rejected(errors.sorted());
        return new MonitorResult.Loaded(monitor.get());
    }

    /**
     * Checks one maintenance window given as YAML or JSON, as the API receives it: the same keys
     * and checks as a window in the file, except that a name matching none of {@code monitors} is
     * an error here (the file's is a warning: the file cannot know the API's monitors).
     *
     * @param monitors the monitors it may name, id → name: every monitor the server runs
     */
    public MaintenanceResult parseMaintenanceWindow(String text, String source, Map<String, String> monitors) {
        ConfigErrors errors = new ConfigErrors(source, text);
        Composed document = compose(text, errors);
        if (!document.readable()) return new MaintenanceResult.Rejected(errors.sorted());
        Node root = document.root();
        if (root == null) {
            errors.file("empty document: a maintenance window needs a name, the monitors or tags it covers, and its times");
            return new MaintenanceResult.Rejected(errors.sorted());
        }
        NodeReader reader = new NodeReader(errors, new Variables(Map.of()));
        Optional<MaintenanceWindow> window = new MaintenanceReader(reader, monitors, MaintenanceReader.UnmatchedName.REJECTED)
                .readOne(root);
        if (window.isEmpty() || !errors.isEmpty()) return new MaintenanceResult.Rejected(errors.sorted());
        return new MaintenanceResult.Loaded(window.get());
    }

    /**
     * Checks one alert channel given as YAML or JSON, as the API receives it: the same keys and
     * checks as a channel in the file ({@code name}, {@code type}, {@code severities} and the
     * type's settings). No {@code ${VAR}} is replaced: a payload must not read the server's variables.
     */
    public ChannelResult parseChannel(String text, String source) {
        ConfigErrors errors = new ConfigErrors(source, text);
        Composed document = compose(text, errors);
        if (!document.readable()) return new ChannelResult.Rejected(errors.sorted());
        Node root = document.root();
        if (root == null) {
            errors.file("empty document: a channel needs at least a name, a type and its settings");
            return new ChannelResult.Rejected(errors.sorted());
        }
        Optional<ChannelConfig> channel = new ChannelReader(new NodeReader(errors, new Variables(Map.of()))).readOne(root);
        if (channel.isEmpty() || !errors.isEmpty()) return new ChannelResult.Rejected(errors.sorted());
        return new ChannelResult.Loaded(channel.get());
    }

    /** The YAML (or JSON) node tree, or unreadable with the syntax error recorded; an empty document has no root. */
    private record Composed(boolean readable, Node root) {}

    private static Composed compose(String text, ConfigErrors errors) {
        try {
            return new Composed(true, new Yaml(new LoaderOptions()).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            errors.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), "", syntaxError(e));
        } catch (YAMLException e) {
            errors.file("invalid YAML: " + e.getMessage());
        }
        return new Composed(false, null);
    }

    private static String syntaxError(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "unreadable" : e.getProblem();
        if (e.getContext() == null) return "invalid YAML: " + problem;
        if (problem.startsWith("but ")) return "invalid YAML: " + e.getContext() + ", " + problem; // "expected X, but found Y"
        // The context often starts far above the problem (an unclosed '{' shows up lines later).
        String started = e.getContextMark() == null || e.getProblemMark() == null
                || e.getContextMark().getLine() == e.getProblemMark().getLine() ? ""
                : " started at line " + (e.getContextMark().getLine() + 1) + ", column " + (e.getContextMark().getColumn() + 1);
        return "invalid YAML: " + problem + " (" + e.getContext() + started + ")";
    }

    private static LoadResult rejected(String source, String message) {
        ConfigErrors errors = new ConfigErrors(source, "");
        errors.file(message);
        return new LoadResult.Rejected(errors.sorted());
    }
}
