package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDistributionsTest {

    @Test
    void latencyAndJobCompletionFromHandMadeRows(@TempDir Path dir) throws IOException {
        // Columns in a different order from the documented header: lookup is by name.
        Path file = dir.resolve("tasks.csv");
        Files.writeString(file, String.join("\n",
                "state,job_id,kind,instance,attempt,ready_s,placed_s,end_s,role,\"task_id\"",
                // j1: instance 0 fails then finishes on retry; instance 1 finishes -> completed, 10 .. 70 s
                "FAILED,j1,BATCH,0,0,10.0,10.5,20.0,\"web, prod\",a",
                "FINISHED,j1,BATCH,0,1,20.0,20.0,70.0,web,b",
                "FINISHED,j1,BATCH,1,0,10.0,10.002,30.0,web,c",
                // j2: instance 0 lost on its last attempt -> not completed
                "FINISHED,j2,PIPELINE,0,0,0.0,1.0,5.0,batch,d",
                "LOST,j2,PIPELINE,1,0,5.0,6.0,8.0,batch,e",
                // j3: never placed
                "PENDING,j3,SERVICE,0,0,3.0,,,batch,f",
                "",
                // j4: completes in 4 s
                "FINISHED,j4,CRON,0,0,100.0,100.0,104.0,batch,g",
                ""));

        TaskDistributions d = TaskDistributions.read(file);

        assertEquals(7, d.rows());
        assertEquals(1, d.unplaced());
        assertEquals(4, d.jobs());
        assertArrayEquals(new double[] {0, 0, 2, 500, 1000, 1000}, d.schedLatencyMs(), 1e-6);
        assertEquals(List.of("BATCH", "CRON"), List.copyOf(d.completionByKind().keySet()));
        assertArrayEquals(new double[] {60.0}, d.completionByKind().get("BATCH"));
        assertArrayEquals(new double[] {4.0}, d.completionByKind().get("CRON"));
        assertEquals(2, d.completedJobs());
    }
}
