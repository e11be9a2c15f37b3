package org.mesocosm.traces;

import org.junit.jupiter.api.Test;
import org.mesocosm.traces.stats.TraceProfile;

class ExploreTest {
    @Test
    void explore() {
        for (String f : new String[] {"google2011", "google2019", "alibaba2018", "swf"}) {
            TraceProfile p = new TraceProfile();
            try (TraceReader r = TraceFormat.byName(f).open(RealTraces.of(f), TraceOptions.defaults())) {
                TraceRecord rec;
                int shown = 0;
                while ((rec = r.next()) != null) {
                    p.accept(rec);
                    if (shown++ < 3 || rec.event() instanceof org.mesocosm.runtime.model.WorkloadEvent.JobArrival && shown < 8) System.out.println(f + " " + rec);
                }
                System.out.println(f + " rows=" + r.stats().rowsByTable() + " notes=" + r.stats().notes() + " span=" + r.spanMicros()
                        + " jobs=" + p.jobs() + " traceJobs=" + p.traceJobs() + " tasks=" + p.tasks() + " machines=" + p.machines()
                        + " ups=" + p.machineUps() + " downs=" + p.machineDowns() + " first=" + p.firstArrivalMicros() + " last=" + p.lastArrivalMicros()
                        + " outcomes=" + p.outcomes() + " bands=" + p.tasksByBand() + " kinds=" + p.jobsByKind());
            } catch (RuntimeException e) {
                System.out.println(f + " FAILED " + e);
            }
        }
    }
}
