package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.metrics.TaskCsvWriter;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/** The master books GPU devices: shares stack on one device, whole GPUs take free ones, the launch and tasks.csv say which. */
class GpuDeviceBookingTest {
    private final MasterHarness h = new MasterHarness(new FirstFitPolicy());

    private static TaskSpec gpuTask(String name, int n, GpuDemand d) {
        Resources r = new Resources(100, 128, 0, d.whole() ? d.gpus() : 0);
        return TaskSpec.simulated(name, n, r, SimProfile.fixed(10_000_000, 0)).withGpu(d);
    }

    private void submit(String id, TaskSpec t) {
        h.in(new Input.JobSubmitted(new JobSpec(id, "r", JobKind.BATCH, 0, List.of(t), 0)));
    }

    private void gpuAgent(String id, int gpus, String model) {
        h.in(new Input.AgentAdded(id, new Resources(8000, 16384, 0, gpus), Map.of(Agent.GPU_MODEL, model)));
    }

    @Test
    void sharesStackOnOneDeviceAndWholeGpusWaitForFullyFreeOnes() {
        gpuAgent("g1", 2, "T4");
        submit("s", gpuTask("share", 2, new GpuDemand(1, 300, List.of())));
        submit("w", gpuTask("whole", 1, new GpuDemand(1, 1000, List.of())));
        submit("w2", gpuTask("whole", 1, new GpuDemand(1, 1000, List.of())));
        List<Command.Launch> l = h.launches();
        assertEquals(3, l.size(), "two shares and one whole GPU placed, the second whole GPU waits: " + l);
        assertEquals("0", l.get(0).gpuDevices());
        assertEquals(300, l.get(0).gpuMilli());
        assertEquals("0", l.get(1).gpuDevices(), "the second share stacks on the used device");
        assertEquals("1", l.get(2).gpuDevices(), "the whole GPU takes the free device");
        assertEquals(1000, l.get(2).gpuMilli());
        Agent g1 = h.master.cluster().agent("g1");
        assertEquals(400, g1.gpuDevices().freeMilli(0));
        assertEquals(0, g1.gpuDevices().freeMilli(1));
        assertTrue(g1.free().fits(new Resources(100, 128, 0, 0)) && g1.free().gpus() == 1,
                "by count one GPU is free; by device none is, and that is what holds the whole-GPU task back");

        h.report(l.get(0).taskId(), TaskState.RUNNING);
        h.report(l.get(0).taskId(), TaskState.FINISHED);
        assertEquals(3, h.launches().size(), "one share still holds device 0");
        assertEquals(700, g1.gpuDevices().freeMilli(0), "the finished share gave back exactly its 300");
        h.report(l.get(1).taskId(), TaskState.RUNNING);
        h.report(l.get(1).taskId(), TaskState.FINISHED);
        assertEquals(4, h.launches().size());
        assertEquals("0", h.launches().get(3).gpuDevices(), "device 0 is whole again");
    }

    @Test
    void modelsAndDeviceCountsDecideWhereATaskCanEverRun() {
        gpuAgent("t4", 4, "T4");
        gpuAgent("v100", 2, "V100M16");
        submit("m", gpuTask("m", 1, new GpuDemand(1, 500, List.of("V100M16", "V100M32"))));
        assertEquals("v100", h.launches().get(0).agentId(), "only the V100 node has an acceptable model");
        submit("big", gpuTask("big", 1, new GpuDemand(3, 1000, List.of())));
        assertEquals("t4", h.launches().get(1).agentId());
        assertEquals("0,1,2", h.launches().get(1).gpuDevices());
        submit("none", gpuTask("none", 1, new GpuDemand(1, 500, List.of("A100"))));
        assertEquals(2, h.launches().size(), "no A100 anywhere");
    }

    @Test
    void tasksCsvListsTheDevices(@TempDir Path tmp) throws IOException {
        gpuAgent("g1", 4, "T4");
        submit("w", gpuTask("whole", 1, new GpuDemand(2, 1000, List.of())));
        String id = h.launches().get(0).taskId();
        h.report(id, TaskState.RUNNING);
        h.report(id, TaskState.FINISHED);
        Path f = tmp.resolve("tasks.csv");
        try (TaskCsvWriter w = new TaskCsvWriter(f)) {
            w.accept(h.ended.get(0));
        }
        String row = Files.readAllLines(f).get(1);
        assertTrue(row.endsWith(",FINISHED,,\"0,1\""), row);
    }

    @Test
    void aSpecWhoseCountDisagreesWithItsDemandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TaskSpec.simulated("x", 1, new Resources(100, 128, 0, 1), SimProfile.FOREVER)
                .withGpu(new GpuDemand(1, 500, List.of())));
    }
}
