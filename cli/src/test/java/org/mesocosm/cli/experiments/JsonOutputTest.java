package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --json and -o json on the commands that print a table: one JSON document on stdout, agreeing with the CSVs. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void policiesAsJsonListEveryPolicyWithItsParameters() throws Exception {
        Cli.Result r = Cli.run("policies", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = JSON.readTree(r.out()).path("policies");
        assertTrue(p.size() >= 3, r.out());
        List<String> names = new java.util.ArrayList<>();
        p.forEach(x -> names.add(x.path("name").asText()));
        assertTrue(names.containsAll(List.of("drf", "k8s", "borg")), names.toString());
        assertTrue(p.get(0).path("parameters").isArray());
        assertEquals(r.out(), Cli.run("policies", "-o", "json").out(), "-o json is --json");

        Cli.Result text = Cli.run("policies");
        assertTrue(text.out().startsWith("POLICY"), text.out());
        Cli.Result bad = Cli.run("policies", "-o", "yaml");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("-o must be text or json"), bad.err());
    }

    @Test
    void compareAsJsonMatchesCompareCsv(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("compare", "--policies", "drf,drf:tasks-per-offer=1", "--seeds", "2", "--nodes", "10", "--out", tmp.toString(),
                "--quiet", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode policies = JSON.readTree(r.out()).path("policies");
        assertEquals(2, policies.size(), r.out());
        assertEquals("drf", policies.get(0).path("policy").asText());
        assertEquals(2, policies.get(0).path("n").asInt());
        String csvRow = Files.readAllLines(tmp.resolve("compare.csv")).stream().filter(l -> l.startsWith("drf,cpu_utilization,")).findFirst()
                .orElseThrow();
        double csvMean = Double.parseDouble(csvRow.split(",")[2]);
        assertEquals(csvMean, policies.get(0).path("metrics").path("cpu_utilization").path("mean").asDouble(), 1e-9);
    }

    @Test
    void sweepAsJsonHasOnePointPerGridPoint(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("sweep", "--grid", "nodes=10,20", "--seeds", "2", "--out", tmp.toString(), "--quiet", "-o", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode points = JSON.readTree(r.out()).path("points");
        assertEquals(2, points.size(), r.out());
        assertEquals(10, points.get(0).path("nodes").asInt());
        assertEquals(20, points.get(1).path("nodes").asInt());
        assertTrue(points.get(1).path("metrics").path("sched_latency_p99").has("ci95_high"), r.out());
    }

    @Test
    void aPlanWithoutAnswerExits3AndSaysSoInJson(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("plan", "--workload", "batch", "--workload-nodes", "10", "--slo", "sched_latency_p99<1ms", "--seeds", "2",
                "--max-nodes", "20", "--out", tmp.toString(), "--quiet", "--json");
        assertEquals(3, r.exit(), "3: no answer\n" + r.out() + r.err());
        JsonNode shape = JSON.readTree(r.out()).path("shapes").get(0);
        assertTrue(shape.path("nodes").isNull(), r.out());
        assertTrue(!shape.path("reason").asText().isEmpty(), r.out());
        assertTrue(shape.path("evidence").size() >= 1, r.out());
        assertEquals(32.0, shape.path("cores").asDouble());
    }
}
