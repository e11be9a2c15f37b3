package org.mesocosm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mesocosm} command. */
@Command(name = "mesocosm", mixinStandardHelpOptions = true, versionProvider = Mesocosm.Version.class,
        description = "A cluster scheduler, simulated or live: DRF offers, Kubernetes placement and Borg priorities on one master.",
        subcommands = {
                SimulateCommand.class,
                PoliciesCommand.class,
                org.mesocosm.cli.experiments.CompareCommand.class,
                org.mesocosm.cli.experiments.SweepCommand.class,
                org.mesocosm.cli.experiments.PlanCommand.class,
                org.mesocosm.cli.fgd.ExperimentCommand.class,
                TraceCommand.class,
                ReplayCommand.class,
                MasterCommand.class,
                AgentCommand.class,
                SubmitCommand.class,
                StatusCommand.class,
                KillCommand.class,
                SecretCommand.class,
                AgentsCommand.class,
                BenchCommand.class,
                TortureCommand.class,
                org.mesocosm.cli.load.LoadCommand.class,
                CommandLine.HelpCommand.class})
public final class Mesocosm implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 bad usage or input, 3 input that cannot give a meaningful run. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Mesocosm());
        cl.setParameterExceptionHandler(Mesocosm::badUsage);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ExitError x) {
                err.println("mesocosm " + line.getCommandName() + ": error: " + e.getMessage());
                return x.code;
            }
            if (e instanceof UserError || e instanceof IllegalArgumentException) {
                err.println("mesocosm " + line.getCommandName() + ": error: " + e.getMessage());
                return 2;
            }
            err.println("mesocosm " + line.getCommandName() + ": failed: " + e);
            if (System.getenv("MESOCOSM_DEBUG") != null) e.printStackTrace(err);
            else err.println("(set MESOCOSM_DEBUG=1 for the stack trace)");
            return 1;
        });
        return cl.execute(args);
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("mesocosm " + cl.getCommandName() + ": error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try 'mesocosm " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help' for the valid options.");
        return 2;
    }

    /** A mistake of the user's (bad option value, unknown name): one line, exit 2, no stack trace. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** An error with its own exit status (e.g. 3: the input cannot give a meaningful run); one line, no stack trace. */
    public static final class ExitError extends RuntimeException {
        final int code;

        public ExitError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Mesocosm.class.getPackage().getImplementationVersion();
            return new String[] {"mesocosm " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
