package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.metrics.TaskCsvWriter;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/** tasks.csv rows as a tool reads them: seconds with six decimals, empty where a time was not reached. */
class TaskCsvRowTest {
    @Test
    void rowsCarryExactSecondsAndEmptyFieldsForTimesNotReached(@TempDir Path tmp) throws IOException {
        MasterHarness h = new MasterHarness(new FirstFitPolicy());
        h.agent("a1", 2000, 8192);
        h.advance(1_000_001); // 1.000001 s
        h.in(new Input.JobSubmitted(MasterTest.job("j", JobKind.BATCH, 0, MasterTest.task("t", 1))));
        String id = h.launches().get(0).taskId();
        h.advance(999_999);
        h.report(id, TaskState.RUNNING);
        h.advance(10_000_000);
        h.report(id, TaskState.FINISHED);
        Path f = tmp.resolve("tasks.csv");
        try (TaskCsvWriter w = new TaskCsvWriter(f)) {
            w.accept(h.ended.get(0));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(TaskCsvWriter.HEADER, lines.get(0));
        String[] row = lines.get(1).split(",", -1);
        assertEquals(17, row.length, lines.get(1));
        assertEquals(id, row[0]);
        assertEquals("1.000001", row[9], "ready_s");
        assertEquals("1.000001", row[10], "placed_s");
        assertEquals("2.000000", row[11], "start_s");
        assertEquals("12.000000", row[12], "end_s");
        assertEquals("a1", row[13]);
        assertEquals("FINISHED", row[14]);
        assertEquals("", row[16], "gpu_devices: none asked");
    }
}
