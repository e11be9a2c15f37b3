package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.WorkloadEvent;

/** What a trace records beyond requests reaches the task specs the master sees. */
class TraceWorkloadTraitsTest {

    @Test
    void google2011DifferentMachinesRestrictionBecomesAUniqueHostConstraint() {
        JobSpec unique = null;
        JobSpec plain = null;
        try (TraceWorkload w = new TraceWorkload(
                TraceFormat.byName("google2011").open(RealTraces.of("google2011"), TraceOptions.defaults()), 1)) {
            for (WorkloadEvent e = w.next(); e != null; e = w.next()) {
                if (!(e instanceof WorkloadEvent.JobArrival a)) continue;
                if (a.job().id().equals("6251537638.13060s")) unique = a.job();
                if (a.job().id().equals("3418314.12479s")) plain = a.job();
            }
        }
        assertNotNull(unique, "the excerpt's job with different_machines_restriction");
        assertNotNull(plain);
        assertEquals(List.of("hostname:UNIQUE"), unique.tasks().get(0).constraints());
        assertEquals(List.of(), plain.tasks().get(0).constraints());
    }
}
