package org.mesocosm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agents", mixinStandardHelpOptions = true, header = "List the agents of a live master with their used and free resources.")
final class AgentsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--json", description = "Machine-readable JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode n = client.api().get("api/v1/agents");
        if (json) {
            System.out.println(MasterApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return 0;
        }
        System.out.printf("%-24s %-5s %-14s %-18s %-5s %s%n", "AGENT", "STATE", "CPU USED/TOTAL", "MEM USED/TOTAL MiB", "TASKS", "ATTRIBUTES");
        for (JsonNode a : n.path("agents")) {
            System.out.printf(Locale.ROOT, "%-24s %-5s %-14s %-18s %-5d %s%n", a.path("id").asText(), a.path("state").asText(),
                    String.format(Locale.ROOT, "%.2f/%.2f", a.path("used").path("cpu_m").asLong() / 1000.0, a.path("total").path("cpu_m").asLong() / 1000.0),
                    a.path("used").path("mem").asLong() + "/" + a.path("total").path("mem").asLong(), a.path("tasks").asInt(),
                    a.path("attributes").toString());
        }
        return 0;
    }
}
