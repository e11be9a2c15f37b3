package org.mesocosm.cli.fgd;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesocosm experiment}: experiments that reproduce published results. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        header = "Reproduce a published experiment.",
        description = {"fgd: GPU fragmentation on the openb trace (Weng et al., ATC '23).",
                "omega: scheduler architectures vs decision time (Schwarzkopf et al., Omega, EuroSys '13, section 4)."},
        subcommands = {FgdCommand.class, org.mesocosm.cli.omegapaper.OmegaCommand.class})
public final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
