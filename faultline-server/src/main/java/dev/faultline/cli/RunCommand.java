package dev.faultline.cli;

import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.server.FaultlineServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline run}: the server, until it is stopped (SIGTERM or Ctrl-C shut it down cleanly). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the server: scheduled checks, the store, the API and /metrics.",
                "A bad config file is refused with every error and nothing starts; edits are reloaded while it runs."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The configuration (default: faultline.yaml when it exists, else built-in defaults).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Path file = config != null ? config : Path.of("faultline.yaml");
        boolean given = config != null || file.toFile().exists();
        FaultlineConfig loaded;
        if (given) {
            LoadResult result = new ConfigLoader(System.getenv()).load(file);
            if (result instanceof LoadResult.Rejected rejected) {
                var err = spec.commandLine().getErr();
                rejected.errors().stream().map(ConfigError::toString).forEach(err::println);
                err.println("faultline: " + file + " has " + rejected.errors().size() + " error(s); nothing was started");
                return Main.USAGE;
            }
            loaded = ((LoadResult.Loaded) result).config();
        } else {
            // No file: every default (an empty document), monitors come through the API.
            loaded = ((LoadResult.Loaded) new ConfigLoader(System.getenv()).parse("", "(defaults)")).config();
        }
        return serve(loaded, given ? Optional.of(file) : Optional.empty(), spec.commandLine().getOut());
    }

    static int serve(FaultlineConfig config, Optional<Path> file, java.io.PrintWriter out) throws InterruptedException {
        return serve(config, file, out, " (no config file: add monitors through the API)");
    }

    /** @param withoutFile what the start-up line says of where the monitors came from when no file was read */
    static int serve(FaultlineConfig config, Optional<Path> file, java.io.PrintWriter out, String withoutFile)
            throws InterruptedException {
        FaultlineServer server;
        try {
            server = FaultlineServer.start(config, file, System.getenv(), Clock.systemUTC());
        } catch (RuntimeException e) {
            // A taken port, an unreachable database: say which, not a stack trace.
            System.err.println("faultline: could not start: " + rootMessage(e));
            return 1;
        }
        out.println("Faultline is running: http://" + config.server().host() + ":" + server.port()
                + "/ · " + server.monitors().size() + (server.monitors().size() == 1 ? " monitor" : " monitors")
                + file.map(f -> " from " + f + " (reloaded on save)").orElse(withoutFile));
        server.setupLink().ifPresent(link -> {
            out.println();
            out.println("  >>> First start: nobody can sign in yet. Create the admin account with this one-time link:");
            out.println("  >>> " + link);
            out.println();
        });
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !text.toString().contains(root.getMessage())) text.append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
