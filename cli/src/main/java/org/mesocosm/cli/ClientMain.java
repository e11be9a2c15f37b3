package org.mesocosm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the client commands (one request to a master, then exit), for a fast start: its command tree
 * holds only them, so a run loads none of the simulation, trace, report or experiment classes that building the whole
 * CLI's tree would (picocli reads every subcommand's annotations up front). Same names, help, errors and exit codes
 * as through {@link Mesocosm}; any other command is handed to the whole CLI. The launcher starts client commands here,
 * with the AppCDS archive that the build makes ({@link ClientArchiveTraining}).
 */
@Command(name = "mesocosm",
        subcommands = {SubmitCommand.class, StatusCommand.class, AgentsCommand.class, KillCommand.class, SecretCommand.class,
                LogsCommand.class})
public final class ClientMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out); // only when called directly: execute hands a bare 'mesocosm' to the whole CLI
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a client command, or hands anything else (help, other commands) to the whole CLI. */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        if (args.length == 0 || !cl.getSubcommands().containsKey(args[0])) return Mesocosm.execute(args);
        return Mesocosm.run(cl, args);
    }

    /** The client commands' tree, with Mesocosm's help style. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ClientMain());
        org.mesocosm.cli.help.WholeWordHelp.install(cl);
        return cl;
    }
}
