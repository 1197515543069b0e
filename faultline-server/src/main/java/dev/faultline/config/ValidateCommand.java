package dev.faultline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline validate FILE}: exit 0 and a summary when the file is valid (with warnings, if
 * any, on stderr: status pages and maintenance windows naming monitors the file does not have), 2
 * and every error otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a faultline.yaml and reports every error with its line, column and field path.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the file is valid", "2:the file has errors, or the command was misused"})
public final class ValidateCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int INVALID = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "the configuration file, e.g. faultline.yaml")
    private Path file;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    /** Looks {@code ${VAR}} up in this process's environment. */
    public ValidateCommand() {
        this(System.getenv());
    }

    public ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return switch (new ConfigLoader(environment).load(file)) {
            case LoadResult.Loaded loaded -> {
                FaultlineConfig config = loaded.config();
                spec.commandLine().getOut().println(file + ": OK (" + count(config.monitors().size(), "monitor") + ", "
                        + count(config.channels().size(), "channel") + ")");
                // Not errors: the server may run monitors of these names, created through the API.
                List<String> names = config.monitors().stream().map(MonitorConfig::name).toList();
                Stream.concat(StatusPageNames.unmatched(config, names, "in this file").stream(),
                                MaintenanceNames.unmatched(config, names, "in this file").stream())
                        .forEach(warning -> spec.commandLine().getErr().println(file + ": warning: " + warning
                                + "; fine if it is created through the API or the dashboard"));
                yield OK;
            }
            case LoadResult.Rejected rejected -> {
                rejected.errors().forEach(error -> spec.commandLine().getErr().println(error));
                yield INVALID;
            }
        };
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
