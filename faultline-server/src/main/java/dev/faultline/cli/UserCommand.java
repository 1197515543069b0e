package dev.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline user ...}: users who may sign in, managed from the command line for automation. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages the users who may sign in.",
        subcommands = {UserAddCommand.class})
final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
