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

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        MasterApi api = client.api();
        JsonNode n = api.get("api/v1/agents");
        if (output.json()) {
            OutputOption.print(n);
            return 0;
        }
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        for (JsonNode a : n.path("agents")) {
            rows.add(java.util.List.of(a.path("id").asText(), a.path("state").asText(),
                    String.format(Locale.ROOT, "%.2f/%.2f", a.path("used").path("cpu_m").asLong() / 1000.0, a.path("total").path("cpu_m").asLong() / 1000.0),
                    a.path("used").path("mem").asLong() + "/" + a.path("total").path("mem").asLong(), a.path("tasks").asText(),
                    a.path("attributes").toString()));
        }
        System.out.print(Columns.table(java.util.List.of("AGENT", "STATE", "CPU USED/TOTAL", "MEM USED/TOTAL MiB", "TASKS", "ATTRIBUTES"), rows));
        if (api.answeredBy() != null) System.out.println(api.answeredBy()); // a replicated group: which master leads
        return 0;
    }
}
