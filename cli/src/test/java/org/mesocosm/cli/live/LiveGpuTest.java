package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live agent with two GPU devices (no GPU needed: the test reads the environment each real
 * process saw). Two sharing tasks of 400 milli stack on one device; a whole-GPU task then gets
 * the other, completely free one. Bad GPU fields are refused with a 400 naming the field.
 */
class LiveGpuTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void sharingTasksShareADeviceAndAWholeGpuTaskGetsAFreeOne() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("seen"));
        try (LiveCluster c = new LiveCluster(tmp.resolve("cluster"), "drf:interval=50ms", 3000, 500, new PrintStream(PrintStream.nullOutputStream()))) {
            c.addAgent("g1", 4, 4096, 2, Map.of("gpu_model", "T4"));
            LiveCluster.await("agent up", 10_000, () -> LiveClusterTest.upAgents(c) == 1);
            String cmd = "echo $CUDA_VISIBLE_DEVICES $MESOCOSM_GPU_MILLI > $OUT/$MESOCOSM_TASK_ID.tmp && mv $OUT/$MESOCOSM_TASK_ID.tmp $OUT/$MESOCOSM_TASK_ID.txt; exec sleep 600";
            c.submit("""
                    {"id": "share", "kind": "batch", "tasks": [{"name": "s", "instances": 2, "cpus": 0.5, "mem": 64, "gpus": 1, "gpu_milli": 400,
                      "command": "%s", "env": {"OUT": "%s"}}]}""".formatted(cmd, out));
            LiveCluster.await("two sharing tasks started", 15_000, () -> seen(out).size() == 2);
            c.submit("""
                    {"id": "whole", "kind": "batch", "tasks": [{"name": "w", "cpus": 0.5, "mem": 64, "gpus": 1, "gpu_model": "T4|V100M32",
                      "command": "%s", "env": {"OUT": "%s"}}]}""".formatted(cmd, out));
            LiveCluster.await("the whole-GPU task started", 15_000, () -> seen(out).size() == 3);
            List<String> lines = seen(out);
            long sharing = lines.stream().filter(l -> l.equals("0 400")).count();
            assertEquals(2, sharing, "both sharing tasks on device 0 with 400 milli: " + lines);
            assertTrue(lines.contains("1 1000"), "the whole-GPU task on the free device 1: " + lines);
            // the devices are the master's choice: its record of each task is what the process saw
            assertEquals("1", LiveClusterTest.tasks(c.get("/api/v1/jobs/whole")).get(0).path("gpu_devices").asText(), "master's record");
            for (JsonNode t : LiveClusterTest.tasks(c.get("/api/v1/jobs/share"))) assertEquals("0", t.path("gpu_devices").asText(), t.toString());

            HttpResponse<String> bad = c.post("/api/v1/jobs", """
                    {"id": "bad", "kind": "batch", "tasks": [{"name": "b", "cpus": 0.5, "mem": 64, "gpus": 1, "gpu_milli": 1500, "command": "true"}]}""");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("gpu_milli"), bad.body());
            HttpResponse<String> bad2 = c.post("/api/v1/jobs", """
                    {"id": "bad2", "kind": "batch", "tasks": [{"name": "b", "cpus": 0.5, "mem": 64, "gpus": 2, "gpu_milli": 500, "command": "true"}]}""");
            assertEquals(400, bad2.statusCode(), bad2.body());
            assertTrue(bad2.body().contains("gpus"), bad2.body());
            HttpResponse<String> bad3 = c.post("/api/v1/jobs", """
                    {"id": "bad3", "kind": "batch", "tasks": [{"name": "b", "cpus": 0.5, "mem": 64, "gpus": 1, "gpu_model": "T4;rm", "command": "true"}]}""");
            assertEquals(400, bad3.statusCode(), bad3.body());
            assertTrue(bad3.body().contains("gpu_model"), bad3.body());
        }
    }

    private static List<String> seen(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().map(p -> {
                try {
                    return Files.readString(p).trim();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
