package org.mesocosm.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.gpu.GpuDemand;

class GpuSpecFieldsTest {
    @Test
    void yamlSharingTaskCarriesItsShareAndModelConstraint() {
        JobSpec j = JobSpecReader.read("""
                kind: batch
                tasks:
                  - name: infer
                    cpus: 1
                    mem: 512
                    gpus: 1
                    gpu_milli: 250
                    gpu_model: V100M16|V100M32
                """).spec();
        TaskSpec t = j.tasks().get(0);
        assertEquals(0, t.request().gpus(), "a share is not charged a whole GPU by the master");
        assertEquals(new GpuDemand(1, 250, List.of("V100M16", "V100M32")), t.gpu(), "the share travels as the task's demand");
        assertTrue(t.env().isEmpty(), "not as env: the agent sets MESOCOSM_GPU_MILLI from the launch");
        assertTrue(t.constraints().isEmpty(), "the model is checked against the devices, not as an attribute constraint");
        JobSpec back = JobSpecReader.read(JobSpecWriter.toTree(j).toString()).spec();
        assertEquals(t.gpu(), back.tasks().get(0).gpu(), "the input log's round trip keeps the demand");
    }

    @Test
    void wholeGpuTaskKeepsItsCount() {
        TaskSpec t = JobSpecReader.read("{\"kind\":\"batch\",\"tasks\":[{\"name\":\"train\",\"cpus\":4,\"mem\":4096,\"gpus\":2}]}").spec().tasks().get(0);
        assertEquals(2, t.request().gpus());
        assertEquals(new GpuDemand(2, 1000, List.of()), t.gpu(), "a bare count is whole devices");
        TaskSpec w = JobSpecReader.read("{\"kind\":\"batch\",\"tasks\":[{\"name\":\"train\",\"cpus\":4,\"mem\":4096,\"gpus\":2,\"gpu_milli\":1000}]}").spec().tasks().get(0);
        assertEquals(2, w.request().gpus());
        assertEquals(t.gpu(), w.gpu());
        assertTrue(w.env().isEmpty());
    }

    @Test
    void aBareCountAboveTheDeviceLimitStaysACountAsBefore() {
        TaskSpec t = JobSpecReader.read("{\"kind\":\"batch\",\"tasks\":[{\"name\":\"x\",\"cpus\":1,\"mem\":64,\"gpus\":100}]}").spec().tasks().get(0);
        assertEquals(100, t.request().gpus());
        assertTrue(t.gpu().none(), "more than GpuDemand.MAX_GPUS devices: counted, not booked per device");
    }

    @Test
    void badValuesNameTheField() {
        String[][] cases = {
            {"\"gpus\":1,\"gpu_milli\":1001", "tasks[0].gpu_milli"},
            {"\"gpus\":3,\"gpu_milli\":500", "tasks[0].gpus"},
            {"\"gpu_milli\":500", "tasks[0].gpu_milli"},
            {"\"gpus\":1,\"gpu_model\":\"T4 or V100\"", "tasks[0].gpu_model"},
            {"\"gpus\":1,\"gpu_milli\":\"half\"", "tasks[0].gpu_milli"},
        };
        for (String[] c : cases) {
            SpecError e = assertThrows(SpecError.class,
                    () -> JobSpecReader.read("{\"kind\":\"batch\",\"tasks\":[{\"name\":\"x\",\"cpus\":1,\"mem\":64," + c[0] + "}]}"), c[0]);
            assertTrue(e.field().endsWith(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
