package dev.faultline.cli;

import dev.faultline.FaultlineVersion;
import dev.faultline.config.ValidateCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} command line: one jar, several roles (DESIGN.md §2). */
@Command(name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted HTTP uptime monitor that says whose fault a failure is.",
        subcommands = {CheckCommand.class, RunCommand.class, ProbeCommand.class, DemoCommand.class, ValidateCommand.class,
                NotifyTestCommand.class, UserCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status for usage and configuration errors (DESIGN.md §7). */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status; tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::oneLineUsageError);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // One line naming the problem beats a screenful of usage that hides it.
    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("faultline: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"faultline " + FaultlineVersion.get()};
        }
    }
}
