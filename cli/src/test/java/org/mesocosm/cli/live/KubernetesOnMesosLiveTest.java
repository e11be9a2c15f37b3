package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/**
 * Issue 17 §3, Kubernetes on Mesos for real: {@code mesocosm master --policy mesos:frameworks=marathon,jobs,k8s}
 * and three {@code mesocosm agent}s, each a process of its own on loopback. A job with
 * {@code "framework": "k8s"} and pod anti-affinity (three replicas, one per agent) is placed by the
 * k8s framework from its offers while a Marathon service runs beside it; both run real processes. A
 * job naming a framework the master does not run is refused with a 400 naming the field.
 */
class KubernetesOnMesosLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern PIN = Pattern.compile("TLS certificate (sha256:[0-9a-f]+)");
    private static final String OPS_TOKEN = "ops-token-for-the-k8s-on-mesos-test";
    private static final String AGENT_TOKEN = "agent-token-for-the-k8s-on-mesos-test";

    @TempDir
    Path tmp;

    private HttpClient http;
    private String url;

    @Test
    @Timeout(180)
    void k8sPodsSpreadOverTheAgentsBesideAMarathonService() throws Exception {
        Path logs = tmp.resolve("logs");
        Path secure = Files.createDirectories(tmp.resolve("secure"));
        Path agentToken = Files.writeString(secure.resolve("agent.token"), AGENT_TOKEN + "\n");
        Path credentials = Files.writeString(secure.resolve("credentials.yaml"), "credentials:\n  - principal: ops\n    token: " + OPS_TOKEN
                + "\n  - principal: agent\n    token: " + AGENT_TOKEN + "\n");
        List<MesocosmProcess> agents = new ArrayList<>();
        try (MesocosmProcess master = MesocosmProcess.start(logs, "master", null, "master", "--host", "127.0.0.1", "--port", "0",
                "--state-dir", tmp.resolve("master").toString(), "--agent-timeout", "10s", "--policy", "mesos:frameworks=marathon,jobs,k8s",
                "--credentials", credentials.toString())) {
            String pin = master.awaitStderr(PIN, 60_000);
            url = master.awaitStderr(LISTENING, 60_000);
            http = new ClientSecurity(Tls.pinned(pin), OPS_TOKEN).configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)).build();
            for (String id : List.of("a1", "a2", "a3")) {
                agents.add(MesocosmProcess.start(logs, "agent-" + id, null, "agent", "--master", url, "--pin", pin, "--token-file",
                        agentToken.toString(), "--id", id, "--cpus", "2", "--mem", "1024", "--work-dir", tmp.resolve("agents").resolve(id).toString(),
                        "--kill-grace", "500"));
            }
            LiveCluster.await("three agents up", 60_000, () -> count(get("/api/v1/agents").path("agents"), "state", "up") == 3);

            HttpResponse<String> pods = post("/api/v1/jobs", """
                    {"id": "web-k8s", "kind": "service", "framework": "k8s",
                     "tasks": [{"name": "pod", "instances": 3, "cpus": 0.5, "mem": 64, "labels": {"app": "web-k8s"},
                                "pod_anti_affinity": [{"labels": {"app": "web-k8s"}, "topology_key": "hostname"}],
                                "command": "exec sleep 600"}]}""");
            assertEquals(201, pods.statusCode(), pods.body());
            HttpResponse<String> svc = post("/api/v1/jobs", """
                    {"id": "web-marathon", "kind": "service",
                     "tasks": [{"name": "server", "instances": 2, "cpus": 0.5, "mem": 64, "command": "exec sleep 600"}]}""");
            assertEquals(201, svc.statusCode(), svc.body());
            HttpResponse<String> spark = post("/api/v1/jobs", """
                    {"id": "etl", "kind": "batch", "framework": "spark", "tasks": [{"name": "t", "cpus": 0.5, "mem": 64, "command": "true"}]}""");
            assertEquals(400, spark.statusCode(), spark.body());
            assertEquals("framework", JSON.readTree(spark.body()).path("field").asText(), spark.body());
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/etl")).GET()).statusCode(), "no half-made job");

            LiveCluster.await("three k8s pods running", 60_000, () -> running("web-k8s").size() == 3);
            LiveCluster.await("two marathon instances running", 60_000, () -> running("web-marathon").size() == 2);
            List<String> on = running("web-k8s");
            assertEquals(3, on.stream().distinct().count(), "anti-affinity: one pod per agent, got " + on);
            String metrics = send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET()).body();
            assertTrue(sample(metrics, "mesocosm_mesos_k8s_offers_total") > 0, metrics);
            assertTrue(sample(metrics, "mesocosm_mesos_marathon_offers_total") > 0, metrics);
            JsonNode job = get("/api/v1/jobs/web-k8s");
            assertEquals("k8s", job.path("spec").path("framework").asText(), "the spec keeps its framework: " + job.path("spec"));

            for (String j : List.of("web-k8s", "web-marathon")) assertEquals(202, post("/api/v1/jobs/" + j + "/kill", "").statusCode());
            LiveCluster.await("both killed", 30_000, () -> get("/api/v1/jobs/web-k8s").path("status").asText().equals("killed")
                    && get("/api/v1/jobs/web-marathon").path("status").asText().equals("killed"));
        } finally {
            for (MesocosmProcess a : agents) a.close();
        }
    }

    private List<String> running(String job) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : get("/api/v1/jobs/" + job).path("tasks")) {
            if (t.path("state").asText().equals("RUNNING")) out.add(t.path("agent").asText());
        }
        return out;
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + path)).GET()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.header("Authorization", "Bearer " + OPS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int count(JsonNode arr, String field, String value) {
        int n = 0;
        for (JsonNode x : arr) if (x.path(field).asText().equals(value)) n++;
        return n;
    }

    /** The value of a Prometheus sample line (its name and labels exactly), or -1. */
    private static double sample(String metrics, String name) {
        for (String line : metrics.split("\n")) if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim());
        return -1;
    }
}
