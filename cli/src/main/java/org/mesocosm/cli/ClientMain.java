package org.mesocosm.cli;

import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the client commands (one request to a master, then exit), for a fast start: its command tree
 * holds only them, so a run loads none of the simulation, trace, report or experiment classes that building the whole
 * CLI's tree would (picocli reads every subcommand's annotations up front). Same names, help, errors and exit codes
 * as through {@link Mesocosm}; any other command is handed to the whole CLI. The launcher starts client commands here,
 * with the AppCDS archive that the build makes ({@link ClientArchiveTraining}).
 *
 * <p>Its tree holds only the command being run: picocli reads a command's annotations when it is added, and reading
 * all six client commands (and secret's subcommands) was the largest part of a client's start-up.
 */
@Command(name = "mesocosm")
public final class ClientMain implements Runnable {
    /** The client commands by name, as the whole CLI names them (ClientMainTest checks the two agree). */
    static final Map<String, Supplier<Object>> COMMANDS = Map.of("submit", SubmitCommand::new, "status", StatusCommand::new,
            "agents", AgentsCommand::new, "kill", KillCommand::new, "secret", SecretCommand::new, "logs", LogsCommand::new);

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
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) return Mesocosm.execute(args);
        return Mesocosm.run(commandLine(args[0]), args);
    }

    /** A tree of the one client command {@code name}, with Mesocosm's help style (installed after the subcommand is added,
     *  since picocli hands a help factory only to the subcommands present then). */
    static CommandLine commandLine(String name) {
        CommandLine cl = new CommandLine(new ClientMain());
        cl.addSubcommand(name, COMMANDS.get(name).get());
        org.mesocosm.cli.help.WholeWordHelp.install(cl);
        return cl;
    }
}
