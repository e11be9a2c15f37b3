package org.mesocosm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true, header = "Kill a job on a live master.",
        description = "Its running tasks are killed and none are started.")
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
            throw e.asUserError("");
        }
        System.out.println("killing " + job);
        return 0;
    }
}
