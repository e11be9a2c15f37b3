package org.mesocosm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mesocosm} command. */
@Command(name = "mesocosm", mixinStandardHelpOptions = true, versionProvider = Mesocosm.Version.class,
        header = "A cluster scheduler, simulated or live: DRF offers, Kubernetes placement and Borg priorities on one master.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  done",
                "  1  failed: a run's check failed, or an unexpected error",
                "  2  bad usage or input (a wrong option, a malformed or missing file)",
                "  3  no answer: plan found no cluster size that meets the SLOs",
                "  4  master unreachable",
                "  5  refused by the master (401 or 403)",
                "  6  not found: no such job, task or secret on the master",
                "",
                "Run 'mesocosm COMMAND --help' for a command's options."},
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
                LogsCommand.class,
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

    /** Runs the command line and returns the exit code ({@link ExitCodes}, listed in the top-level help). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        cl.setParameterExceptionHandler(Mesocosm::badUsage);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            String name = line.getCommandSpec().qualifiedName();
            if (e instanceof MasterApi.Refused r) e = r.asUserError("");
            if (e instanceof UserError u) {
                err.println(name + ": error: " + u.getMessage());
                return u.exitCode;
            }
            if (e instanceof IllegalArgumentException) {
                err.println(name + ": error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println(name + ": failed: " + e);
            if (System.getenv("MESOCOSM_DEBUG") != null) e.printStackTrace(err);
            else err.println("(set MESOCOSM_DEBUG=1 for the stack trace)");
            return 1;
        });
        return cl.execute(args);
    }

    /** The command tree with Mesocosm's help (wrapped at spaces only), as {@link #execute} runs it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Mesocosm());
        org.mesocosm.cli.help.WholeWordHelp.install(cl);
        return cl;
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for the valid options.");
        return ExitCodes.USAGE;
    }

    /**
     * An error the user can act on: one line, no stack trace, and its exit code (by default 2, a
     * mistake of the user's such as a bad option value or an unknown name).
     */
    public static final class UserError extends RuntimeException {
        final int exitCode;

        public UserError(String message) {
            this(message, ExitCodes.USAGE);
        }

        public UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
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
