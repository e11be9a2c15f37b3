package org.mesocosm.traces.openb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.gpu.GpuPod;
import org.mesocosm.traces.RealTraces;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;

class OpenbReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheShippedListsWhole() {
        OpenbTrace t = OpenbReader.readDir(RealTraces.of("openb"));
        assertEquals(1523, t.nodes().size());
        assertEquals(1213, t.gpuNodes().size());
        assertEquals(6212, t.gpuNodes().stream().mapToInt(n -> n.gpus()).sum());
        assertEquals(8152, t.pods().size());
        GpuPod second = t.pods().get(1).pod(); // openb-pod-0001,6000,12288,1,460,,LS,Running,427061,12902960,427061
        assertEquals("openb-pod-0001", second.name());
        assertEquals(6000, second.cpuMilli());
        assertEquals(12288, second.memMiB());
        assertTrue(second.gpu().sharing());
        assertEquals(460, second.gpu().milli());
        assertEquals(427061, t.pods().get(1).creationS());
        assertEquals(12902960, t.pods().get(1).deletionS());
    }

    @Test
    void readsTheFiveColumnVariantAndModelConstraints() throws IOException {
        Path pods = dir.resolve("openb_pod_list_gpuspec.csv");
        Files.writeString(pods, "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,2048,1,250\np1,4000,0,4,1000\np2,500,512,0,0\n");
        List<OpenbPod> l = OpenbReader.readPods(pods);
        assertEquals(3, l.size());
        assertTrue(l.get(0).pod().gpu().sharing());
        assertEquals(4000, l.get(1).pod().gpu().totalMilli());
        assertTrue(l.get(2).pod().gpu().none());
        assertTrue(!l.get(0).hasTimes());
        Path withSpec = dir.resolve("spec.csv");
        Files.writeString(withSpec, "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\np0,1000,2048,1,1000,V100M16|V100M32\n");
        assertEquals(List.of("V100M16", "V100M32"), OpenbReader.readPods(withSpec).get(0).pod().gpu().models());
    }

    record Bad(String header, String row, String want) { }

    static Stream<Bad> badPods() {
        String h = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time";
        return Stream.of(
                new Bad(h, "p,abc,1,0,0,,LS,Running,0,1,0", "pods.csv:2: field cpu_milli: 'abc' is not an integer"),
                new Bad(h, "p,1,1,2,500,,LS,Running,0,1,0", "pods.csv:2: field num_gpu: gpus must be 1 when gpu_milli 500"),
                new Bad(h, "p,1,1,1,1200,,LS,Running,0,1,0", "pods.csv:2: field gpu_milli: 1200 is outside 0..1000"),
                new Bad(h, "p,1,1,1,500,T 4,LS,Running,0,1,0", "pods.csv:2: field gpu_spec:"),
                new Bad(h, "p,1,1,1,500,,LS,Running,10,5,0", "pods.csv:2: field deletion_time: deletion_time 5 is before creation_time 10"),
                new Bad(h, "p,1,1", "pods.csv:2: field num_gpu: missing"),
                new Bad("name,cpu_milli,memory_mib,num_gpu", "p,1,1,1", "pods.csv:1: field gpu_milli: missing from the header"));
    }

    @ParameterizedTest
    @MethodSource("badPods")
    void badPodRowsNameFileLineAndField(Bad b) throws IOException {
        Path f = dir.resolve("pods.csv");
        Files.writeString(f, b.header() + "\n" + b.row() + "\n");
        TraceException e = assertThrows(TraceException.class, () -> OpenbReader.readPods(f));
        assertTrue(e.getMessage().contains(b.want()), e.getMessage());
    }

    @Test
    void badNodeRowsNameFileLineAndField() throws IOException {
        Path f = dir.resolve("nodes.csv");
        Files.writeString(f, "sn,cpu_milli,memory_mib,gpu,model\nn0,1000,1024,2,T4\nn1,1000,1024,2,\n");
        TraceException e = assertThrows(TraceException.class, () -> OpenbReader.readNodes(f));
        assertTrue(e.getMessage().contains("nodes.csv:3: field model: a node with 2 GPUs needs a model"), e.getMessage());
    }

    @Test
    void replaysPodsInCreationOrderWithTheirLifetimes() throws IOException {
        Files.writeString(dir.resolve("openb_node_list_all_node.csv"), "sn,cpu_milli,memory_mib,gpu,model\nn0,32000,65536,2,T4\nn1,8000,4096,0,\n");
        Files.writeString(dir.resolve("openb_pod_list_default.csv"),
                "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
                        + "late,1000,1024,1,500,,BE,Running,20,50,20\nearly,2000,2048,2,1000,,LS,Running,5,65,5\n");
        try (TraceReader r = TraceFormat.OPENB.open(dir, TraceOptions.defaults())) {
            TraceRecord m0 = r.next(), m1 = r.next(), a = r.next(), b = r.next();
            assertEquals(null, r.next());
            assertTrue(m0.event() instanceof WorkloadEvent.MachineUp u && u.capacity().gpus() == 2);
            assertTrue(m1.event() instanceof WorkloadEvent.MachineUp);
            WorkloadEvent.JobArrival first = (WorkloadEvent.JobArrival) a.event(), second = (WorkloadEvent.JobArrival) b.event();
            assertEquals("early", first.job().id());
            assertEquals(5_000_000L, first.atMicros());
            assertEquals(2, first.job().tasks().get(0).request().gpus());
            assertEquals("late", second.job().id());
            assertEquals(0, second.job().tasks().get(0).request().gpus(), "a share counts no whole GPU");
            assertEquals(new GpuDemand(1, 500, List.of()), second.job().tasks().get(0).gpu(), "a 500-milli share replays as a share");
            assertEquals(new GpuDemand(2, 1000, List.of()), first.job().tasks().get(0).gpu());
            assertEquals(1L, r.stats().notes().values().stream().mapToLong(Long::longValue).sum(), "one sharing pod noted");
            assertNotNull(a.facts());
        }
    }

    @Test
    void aPodListWithoutTimesIsNotReplayable() throws IOException {
        Files.writeString(dir.resolve("openb_node_list_all_node.csv"), "sn,cpu_milli,memory_mib,gpu,model\nn0,32000,65536,2,T4\n");
        Files.writeString(dir.resolve("openb_pod_list_x.csv"), "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,1,1,1,500\n");
        TraceException e = assertThrows(TraceException.class, () -> TraceFormat.OPENB.open(dir, TraceOptions.defaults()));
        assertTrue(e.getMessage().contains("no times to replay"), e.getMessage());
    }
}
