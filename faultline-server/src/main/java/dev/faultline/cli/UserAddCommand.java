package dev.faultline.cli;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.config.ServerSettings;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.web.auth.Auth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faultline user add NAME --role admin|viewer}: adds a user to the server's database, the
 * password read from standard input (its first line), so that it appears in no process list
 * or shell history: {@code printf '%s\n' "$PASSWORD" | faultline user add ops --role admin}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a user who may sign in; the password is the first line of standard input.",
                "Uses the database of the config file (data_dir or database_url)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the user was added", "2:bad input, a taken name, or a config file with errors"})
final class UserAddCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name (letters, digits, '.', '_', '@', '-').")
    String name;

    @Option(names = "--role", paramLabel = "admin|viewer", required = true, description = "admin changes everything; viewer only looks.")
    String role;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The configuration (default: faultline.yaml when it exists).")
    Path config;

    private final Map<String, String> environment;
    private final InputStream in;

    UserAddCommand() {
        this(System.getenv(), System.in);
    }

    UserAddCommand(Map<String, String> environment, InputStream in) {
        this.environment = environment;
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path file = config != null ? config : Path.of("faultline.yaml");
        LoadResult result = config != null || Files.exists(file)
                ? new ConfigLoader(environment).load(file) : new ConfigLoader(environment).parse("", "(defaults)");
        if (result instanceof LoadResult.Rejected rejected) {
            rejected.errors().forEach(err::println);
            err.println("faultline: " + file + " has " + rejected.errors().size() + " error(s); no user was added");
            return Main.USAGE;
        }
        FaultlineConfig loaded = ((LoadResult.Loaded) result).config();
        String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (password == null) {
            err.println("faultline: give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | faultline user add "
                    + name + " --role " + role);
            return Main.USAGE;
        }
        Map<String, String> errors;
        try (Store store = Store.open(storeSettings(loaded.server()))) {
            errors = Auth.addUser(store, name, role, password);
        }
        if (!errors.isEmpty()) {
            errors.forEach((field, message) -> err.println("faultline: " + (field.equals("username") ? "NAME" : field) + ": " + message));
            return Main.USAGE;
        }
        spec.commandLine().getOut().println("Added " + name.strip().toLowerCase(java.util.Locale.ROOT) + " (" + role + ").");
        return 0;
    }

    private static StoreSettings storeSettings(ServerSettings settings) {
        return settings.databaseUrl().map(StoreSettings::postgres).orElseGet(() -> StoreSettings.sqlite(settings.dataDir()));
    }
}
