package org.mesocosm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.SpecError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true,
        header = "Submit a job spec (JSON or YAML, see examples/) to a live master and print the job's id.")
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "FILE", description = "The job spec.")
    Path file;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Mesocosm.UserError(file + ": no such file");
        } catch (IOException e) {
            throw new Mesocosm.UserError(file + ": cannot read: " + e.getMessage());
        }
        try {
            JobSpecReader.read(text); // the same checks the master makes, but with the file's name in the message
        } catch (SpecError e) {
            throw new Mesocosm.UserError(file + ": " + e.getMessage());
        }
        JobSpecReader.Format f = JobSpecReader.sniff(text);
        try {
            String id = client.api().post("api/v1/jobs", text, f == JobSpecReader.Format.JSON ? "application/json" : "application/yaml")
                    .path("id").asText();
            System.out.println(id);
            return 0;
        } catch (MasterApi.Refused e) {
            throw e.asUserError(e.status == 404 ? "" : file + ": ");
        }
    }
}
