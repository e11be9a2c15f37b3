package org.mesocosm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mesocosm secret put|list|rm}: the live master's named secrets. A value is read from a
 * file or stdin, never from the command line (where {@code ps} and shell history would show it),
 * and nothing prints it back.
 */
@Command(name = "secret", mixinStandardHelpOptions = true,
        header = "Manage the named secrets of a live master.",
        description = {"Jobs refer to secrets by name:",
                "  \"secrets\": [{\"name\": \"db-password\", \"env\": \"DB_PASSWORD\"}, {\"name\": \"tls-key\", \"file\": \"secrets/key.pem\"}]",
                "The master keeps them encrypted; no command or API answer shows a value."},
        subcommands = {SecretCommand.Put.class, SecretCommand.ListSecrets.class, SecretCommand.Remove.class})
final class SecretCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static RuntimeException refused(MasterApi.Refused e) {
        return e.asUserError("");
    }

    @Command(name = "put", mixinStandardHelpOptions = true, header = "Store a secret, or replace its value.")
    static final class Put implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "NAME", description = "The secret's name (letters, digits, '.', '-', '_').")
        String name;

        static final class Source {
            @Option(names = "--from-file", paramLabel = "FILE", description = "Read the value from this file (bytes as they are).")
            Path file;

            @Option(names = "--from-stdin", description = "Read the value from standard input (bytes as they are, up to end of input).")
            boolean stdin;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Override
        public Integer call() {
            byte[] value = read();
            try {
                if (value.length == 0) throw new Mesocosm.UserError((source.stdin ? "standard input" : source.file) + ": the value is empty");
                JsonNode r = client.api().put("api/v1/secrets/" + MasterApi.seg(name), value);
                System.out.println((r.path("created").asBoolean() ? "created " : "replaced ") + name);
                return 0;
            } catch (MasterApi.Refused e) {
                throw refused(e);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }

        private byte[] read() {
            try {
                if (source.stdin) {
                    InputStream in = System.in;
                    return in.readAllBytes();
                }
                return Files.readAllBytes(source.file);
            } catch (NoSuchFileException e) {
                throw new Mesocosm.UserError(source.file + ": no such file");
            } catch (IOException e) {
                throw new Mesocosm.UserError((source.stdin ? "standard input" : source.file) + ": cannot read: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the secrets' names, when each was set and the active jobs using it.",
            description = "Never their values.")
    static final class ListSecrets implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            JsonNode r;
            try {
                r = client.api().get("api/v1/secrets");
            } catch (MasterApi.Refused e) {
                throw refused(e);
            }
            if (output.json()) {
                OutputOption.print(r);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : r.path("secrets")) {
                List<String> users = new ArrayList<>();
                s.path("used_by").forEach(u -> users.add(u.asText()));
                rows.add(List.of(s.path("name").asText(), s.path("updated_at").asText(), users.isEmpty() ? "-" : String.join(",", users)));
            }
            System.out.print(Columns.table(List.of("NAME", "UPDATED", "USED BY"), rows));
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, header = "Delete a secret (refused while an active job uses it).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Override
        public Integer call() {
            try {
                client.api().delete("api/v1/secrets/" + MasterApi.seg(name));
            } catch (MasterApi.Refused e) {
                throw refused(e);
            }
            System.out.println("deleted " + name);
            return 0;
        }
    }
}
