package org.mesocosm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill a job on a live master: its tasks are killed, none are started.")
final class KillCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "JOB", description = "The job's id.")
    String job;

    @Override
    public Integer call() {
        try {
            client.api().post("api/v1/jobs/" + MasterApi.seg(job) + "/kill", "", "application/json");
        } catch (MasterApi.Refused e) {
            if (e.status / 100 == 4) throw new Mesocosm.UserError(e.getMessage());
            throw e;
        }
        System.out.println("killing " + job);
        return 0;
    }
}
