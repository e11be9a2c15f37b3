package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.mesocosm.runtime.live.RecoveryReport;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master restarted on its state dir rebuilds its jobs from the durable input log, ids keep
 * counting from there, and a torn last record is reported and cut off.
 */
class MasterRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void restartedMasterRecoversItsJobs() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        String first;
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet)) {
            first = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"instances\": 2, \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
            c.submit("{\"id\": \"svc\", \"kind\": \"service\", \"tasks\": [{\"name\": \"s\", \"cpus\": 1, \"mem\": 16, \"command\": \"sleep 1\"}]}");
            assertEquals(202, c.post("/api/v1/jobs/svc/kill", "").statusCode());
        }
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet)) {
            JsonNode job = c.get("/api/v1/jobs/" + first);
            assertEquals("active", job.path("status").asText());
            assertEquals(2, job.path("tasks_by_state").path("PENDING").asInt(), job.toString());
            assertEquals("killed", c.get("/api/v1/jobs/svc").path("status").asText());
            String next = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
            assertEquals("job-2", next, "a recovered master does not hand out an id again");
        }
    }

    /** A record torn by a crash mid-write is reported and cut off; everything before it is recovered. */
    @Test
    void aTornTailIsReportedAndCutOff() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        LiveCluster first = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet);
        try (first) {
            first.submit("{\"id\": \"kept\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
        }
        long records = first.driver.log().durable(); // closing wrote everything
        Path segment;
        try (Stream<Path> s = Files.list(tmp.resolve("master").resolve(StateLog.LOG_DIR))) {
            segment = s.filter(p -> p.getFileName().toString().startsWith("wal-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        long size = Files.size(segment);
        byte[] whole = LogRecords.encode(1, new Input.JobKillRequested("kept"));
        Files.write(segment, Arrays.copyOf(whole, whole.length - 3), StandardOpenOption.APPEND); // the crash came 3 bytes short
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet)) {
            RecoveryReport r = c.driver.recovered();
            assertEquals(records, r.records());
            assertNotNull(r.truncatedTail(), r.describe());
            assertEquals(size, r.truncatedTail().byteOffset());
            assertTrue(r.describe().contains("torn tail truncated at byte " + size), r.describe());
            assertEquals("active", c.get("/api/v1/jobs/kept").path("status").asText(), "the torn kill is not replayed");
        }
        assertEquals(size, Files.size(segment), "the torn bytes are gone from the file");
    }
}
