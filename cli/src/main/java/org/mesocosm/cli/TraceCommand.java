package org.mesocosm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesocosm trace}: look at a trace, or convert it to the compact binary form. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        header = "Inspect a cluster trace or convert it to the binary form.",
        description = "FORMAT:PATH names a trace: FORMAT one of google2011, google2019, alibaba2018, swf, openb, bin (a converted trace); "
                + "PATH a file or a directory.",
        subcommands = {TraceInspectCommand.class, TraceConvertCommand.class})
final class TraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
