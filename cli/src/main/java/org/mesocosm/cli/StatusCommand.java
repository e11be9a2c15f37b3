package org.mesocosm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show the jobs on a live master, or one job with its tasks.",
        description = {
                "--json (or -o json) prints the API's JSON: for a job, its tasks each with a 'state'."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "JOB", arity = "0..1", description = "A job's id; without it, every job.")
    String job;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        JsonNode n;
        MasterApi api = client.api();
        try {
            n = api.get(job == null ? "api/v1/jobs" : "api/v1/jobs/" + MasterApi.seg(job));
        } catch (MasterApi.Refused e) {
            throw e.asUserError("");
        }
        if (output.json()) {
            OutputOption.print(n);
        } else if (job == null) {
            java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
            for (JsonNode j : n.path("jobs")) {
                rows.add(java.util.List.of(j.path("id").asText(), j.path("kind").asText(), j.path("status").asText(),
                        j.path("submitted_at").asText(), counts(j.path("tasks_by_state"))));
            }
            System.out.print(Columns.table(java.util.List.of("JOB", "KIND", "STATUS", "SUBMITTED", "TASKS"), rows));
            if (api.answeredBy() != null) System.out.println(api.answeredBy()); // a replicated group: which master leads
        } else if (n.path("details_forgotten").asBoolean()) {
            System.out.printf("%s  %s  (%s)%n", n.path("id").asText(), n.path("status").asText(), n.path("message").asText());
        } else {
            System.out.printf("%s  %s  %s  %s%n", n.path("id").asText(), n.path("kind").asText(), n.path("status").asText(),
                    counts(n.path("tasks_by_state")));
            if (n.has("run_ids")) System.out.println("runs: " + String.join(", ", texts(n.path("run_ids"))));
            java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
            for (JsonNode t : n.path("tasks")) {
                rows.add(java.util.List.of(t.path("id").asText(), t.path("state").asText(), t.path("agent").asText("-"),
                        t.has("exit_code") ? t.path("exit_code").asText() : "-", t.path("message").asText(t.path("pending_reason").asText(""))));
            }
            System.out.print(Columns.table(java.util.List.of("TASK", "STATE", "AGENT", "EXIT", "MESSAGE"), rows));
            System.out.print(whyPending(n.path("tasks")));
        }
        return 0;
    }

    /**
     * Per task group with pending tasks, why they wait, as {@code kubectl describe} says it:
     * "Pending: web: 2 tasks: 0/2 agents fit: insufficient cpu (needs 64, largest free 2)".
     * The reason of the group's newest pending task (its last attempt) stands for the group.
     */
    static String whyPending(JsonNode tasks) {
        Map<String, String> reason = new java.util.LinkedHashMap<>();
        Map<String, Integer> count = new java.util.LinkedHashMap<>();
        for (JsonNode t : tasks) {
            if (!t.path("state").asText().equals("PENDING")) continue;
            String group = t.path("name").asText();
            count.merge(group, 1, Integer::sum);
            if (t.has("pending_reason")) reason.put(group, t.path("pending_reason").asText());
        }
        if (count.isEmpty()) return "";
        StringBuilder b = new StringBuilder("Pending:\n");
        count.forEach((g, n) -> b.append("  ").append(g).append(": ").append(n).append(n == 1 ? " task: " : " tasks: ")
                .append(reason.getOrDefault(g, "n/a")).append('\n'));
        return b.toString();
    }

    private static java.util.List<String> texts(JsonNode arr) {
        java.util.List<String> out = new java.util.ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    static String counts(JsonNode byState) {
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = byState.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (b.length() > 0) b.append(", ");
            b.append(e.getKey()).append(' ').append(e.getValue().asText());
        }
        return b.toString();
    }
}
