package org.mesocosm.policies.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.policies.mesos.MesosHarness.group;
import static org.mesocosm.policies.mesos.MesosHarness.placed;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.spec.SpecError;

/** Each framework of {@code mesos} on small hand-built clusters, with lanes that decide in zero time. */
class MesosFrameworksTest {

    @Test
    void jobsGoToTheFrameworkTheirSpecNamesElseByKind() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a", 4000, 4096);
        h.agent("b", 4000, 4096);
        String web = h.submit(JobKind.SERVICE, null, 0, group("w", 2, 1000, 512));
        String batch = h.submit(JobKind.BATCH, null, 0, group("b", 2, 500, 256));
        String pods = h.submit(JobKind.SERVICE, "k8s", 0, group("p", 1, 500, 256));
        h.advance(10_000_000); // marathon launches one instance of a job per agent per round
        for (String j : List.of(web, batch, pods)) for (Task t : h.tasksOf(j)) assertTrue(placed(t), t + " placed");
        Map<String, Long> m = metrics(h);
        assertTrue(m.get("mesocosm_mesos_marathon_offers_total") >= 1, "marathon got offers: " + m);
        assertTrue(m.get("mesocosm_mesos_jobs_offers_total") >= 1, "jobs got offers: " + m);
        assertTrue(m.get("mesocosm_mesos_k8s_offers_total") >= 1, "k8s got offers: " + m);
        assertEquals(0, h.policy.allocator().outstandingOffers(), "every offer answered once the lanes decided");
        assertEquals(Resources.ZERO, h.master.cluster().agent("a").offered());
    }

    @Test
    void aJobForAFrameworkThisMasterDoesNotRunIsRefusedNamingTheField() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs");
        h.agent("a", 1000, 1024);
        JobSpec k8s = new JobSpec("x", "r", JobKind.SERVICE, 0, List.of(group("p", 1, 100, 64)), 0, null, "k8s");
        SpecError e = assertThrows(SpecError.class, () -> h.policy.admit(k8s));
        assertEquals("framework", e.field());
        assertTrue(e.getMessage().contains("framework: 'k8s'") && e.getMessage().contains("frameworks=marathon,jobs"), e.getMessage());
        IllegalArgumentException atLoad = assertThrows(IllegalArgumentException.class,
                () -> h.master.handle(h.now(), new org.mesocosm.runtime.master.Input.JobSubmitted(k8s)));
        assertTrue(atLoad.getMessage().contains("framework: 'k8s'"), "a simulation stops at the job, naming the field: " + atLoad.getMessage());
        MesosHarness onlyJobs = new MesosHarness("mesos:frameworks=jobs");
        JobSpec service = new JobSpec("s", "r", JobKind.SERVICE, 0, List.of(group("w", 1, 100, 64)), 0);
        e = assertThrows(SpecError.class, () -> onlyJobs.policy.admit(service));
        assertTrue(e.getMessage().contains("'marathon' (the default for a service job)"), e.getMessage());
        onlyJobs.policy.admit(new JobSpec("b", "r", JobKind.BATCH, 0, List.of(group("b", 1, 100, 64)), 0));
    }

    @Test
    void marathonSpreadsInstancesAndRelaunchesAFailedOne() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs");
        for (String a : List.of("a", "b", "c")) h.agent(a, 8000, 8192);
        String web = h.submit(JobKind.SERVICE, null, 0, group("w", 3, 1000, 512));
        h.advance(2_000_000);
        List<Task> tasks = h.tasksOf(web);
        assertEquals(3, tasks.stream().filter(MesosHarness::placed).map(t -> t.agent().id()).distinct().count(), "one instance per agent: " + tasks);
        h.end(tasks.get(0), TaskState.FAILED);
        h.advance(10_000_000);
        List<Task> after = h.tasksOf(web);
        assertEquals(4, after.size(), "the failed instance was relaunched: " + after);
        assertEquals(3, after.stream().filter(MesosHarness::placed).count(), "three instances run again");
    }

    @Test
    void jobsPacksBatchTasks() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs");
        h.agent("a", 4000, 4096);
        h.agent("b", 4000, 4096);
        String b = h.submit(JobKind.BATCH, null, 0, group("t", 4, 1000, 512));
        h.advance(2_000_000);
        assertEquals(1, h.tasksOf(b).stream().filter(MesosHarness::placed).map(t -> t.agent().id()).distinct().count(), "packed on one agent");
    }

    @Test
    void k8sPlacesOnlyOnWhatItWasOffered() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a", 2000, 2048);
        String web = h.submit(JobKind.SERVICE, null, 0, group("w", 1, 2000, 2048)); // marathon fills agent a
        h.advance(2_000_000);
        assertTrue(placed(h.tasksOf(web).get(0)));
        String pod = h.submit(JobKind.SERVICE, "k8s", 0, group("p", 1, 1000, 512));
        h.advance(5_000_000);
        Task p = h.tasksOf(pod).get(0);
        // the pod scheduler's own view of agent a (its own pods only) has room: the offer filter is what keeps it off
        assertEquals(TaskState.PENDING, p.state(), "nothing offered to k8s yet");
        assertEquals(0, ((K8sFramework) h.policy.framework("k8s")).pods().handle().nodeInfo(h.master.cluster().agent("a")).podCount());
        h.agent("b", 2000, 2048);
        h.advance(2_000_000);
        assertTrue(placed(p));
        assertEquals("b", p.agent().id());
    }

    @Test
    void k8sHonoursPodAntiAffinityFromOffers() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        for (String a : List.of("a", "b", "c")) h.agent(a, 8000, 8192);
        String pods = h.submit(JobKind.SERVICE, "k8s", 0, K8sSpecs.antiAffine("web", 4));
        h.advance(20_000_000);
        List<Task> tasks = h.tasksOf(pods);
        List<Task> running = tasks.stream().filter(MesosHarness::placed).toList();
        assertEquals(3, running.size(), "three of four replicas fit, one per agent: " + tasks + " why " + h.policy.whyPending(tasks.get(0)) + " " + metrics(h));
        assertEquals(3, running.stream().map(t -> t.agent().id()).distinct().count());
        Task fourth = tasks.stream().filter(t -> !placed(t)).findFirst().orElseThrow();
        String why = h.policy.whyPending(fourth);
        assertTrue(why != null && why.contains("InterPodAffinity") || why != null && why.contains("anti-affinity"), "why: " + why);
    }

    @Test
    void k8sHonoursNodeAffinityAndTopologySpread() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a1", 8000, 8192, Map.of("zone", "a"));
        h.agent("a2", 8000, 8192, Map.of("zone", "a"));
        h.agent("b1", 8000, 8192, Map.of("zone", "b"));
        h.agent("b2", 8000, 8192, Map.of("zone", "b"));
        String onB = h.submit(JobKind.SERVICE, "k8s", 0, K8sSpecs.nodeAffinity("only-b", 3, "zone", "b"));
        String spread = h.submit(JobKind.SERVICE, "k8s", 0, K8sSpecs.spread("s", 4, "zone"));
        h.advance(10_000_000);
        for (Task t : h.tasksOf(onB)) {
            assertTrue(placed(t), t + " placed");
            assertEquals("b", t.agent().attributes().get("zone"), t + " on zone b");
        }
        Map<String, Long> perZone = h.tasksOf(spread).stream().filter(MesosHarness::placed)
                .collect(Collectors.groupingBy(t -> t.agent().attributes().get("zone"), Collectors.counting()));
        assertEquals(Map.of("a", 2L, "b", 2L), perZone, "spread over zones with max skew 1");
    }

    @Test
    void k8sPreemptsOnlyItsOwnLowerPriorityPods() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a", 2000, 2048);
        String low = h.submit(JobKind.SERVICE, "k8s", 10, group("low", 1, 2000, 1024));
        h.advance(2_000_000);
        assertTrue(placed(h.tasksOf(low).get(0)));
        String high = h.submit(JobKind.SERVICE, "k8s", 1000, group("high", 1, 2000, 1024));
        h.advance(10_000_000);
        assertTrue(h.tasksOf(low).get(0).isPreempted(), "its own lower-priority pod was evicted");
        assertTrue(placed(h.tasksOf(high).get(0)), "and the important pod runs in its place");

        MesosHarness other = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        other.agent("a", 2000, 2048);
        String web = other.submit(JobKind.SERVICE, null, 0, group("w", 1, 2000, 1024)); // marathon's, priority 0
        other.advance(2_000_000);
        String pod = other.submit(JobKind.SERVICE, "k8s", 1000, group("p", 1, 2000, 1024));
        other.advance(10_000_000);
        Task w = other.tasksOf(web).get(0);
        assertTrue(placed(w) && !w.isPreempted(), "marathon's task is not k8s's to evict");
        assertEquals(TaskState.PENDING, other.tasksOf(pod).get(0).state());
    }

    @Test
    void sparkGrowsExecutorsWithBacklogKeepsThemHeldAndShrinksWhenIdle() {
        MesosHarness h = new MesosHarness("mesos:frameworks=jobs,spark,spark-idle=10s");
        Agent a = h.agent("a", 4000, 4096);
        Agent b = h.agent("b", 4000, 4096);
        String s = h.submit(JobKind.BATCH, "spark", 0, group("s", 2, 1000, 512));
        h.advance(2_000_000);
        SparkFramework spark = (SparkFramework) h.policy.framework("spark");
        List<Task> st = h.tasksOf(s);
        assertTrue(st.stream().allMatch(MesosHarness::placed), "spark tasks run inside an executor: " + st);
        assertEquals(1, spark.executors(), "one executor was enough for the backlog; the other offer went back");
        Agent exec = st.get(0).agent();
        assertEquals(st.get(1).agent(), exec);
        assertEquals(Resources.of(2000, 3072), exec.offered(), "the rest of the executor stays held while its tasks run");
        // a batch job cannot use the executor's held room: it goes to the other agent
        String j = h.submit(JobKind.BATCH, null, 0, group("j", 2, 1000, 512));
        h.advance(2_000_000);
        Agent other = exec == a ? b : a;
        for (Task t : h.tasksOf(j)) assertEquals(other, t.agent(), "batch task on the agent spark does not hold");
        for (Task t : st) h.end(t, TaskState.FINISHED);
        assertEquals(Resources.of(4000, 4096), exec.offered(), "the executor takes back what its finished tasks freed");
        h.advance(11_000_000);
        assertEquals(0, spark.executors(), "released after the idle timeout");
        assertEquals(Resources.ZERO, exec.offered());
        assertEquals(1, spark.executorsReleased);
    }

    @Test
    void offerMetricsCountPerFramework() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs");
        h.agent("a", 4000, 4096);
        h.submit(JobKind.BATCH, null, 0, group("t", 1, 1000, 512));
        h.advance(2_000_000);
        Map<String, Long> m = metrics(h);
        Set<String> names = new TreeSet<>(m.keySet());
        for (String f : List.of("marathon", "jobs")) {
            for (String k : List.of("offers_total", "offers_declined_total", "offer_held_micros_total", "decisions_total")) {
                assertTrue(names.contains("mesocosm_mesos_" + f + "_" + k), names.toString());
            }
        }
        assertEquals(0, m.get("mesocosm_mesos_marathon_offers_total"), "marathon had nothing to launch: suppressed");
        assertTrue(m.get("mesocosm_mesos_jobs_offers_total") >= 1);
        assertNull(h.policy.framework("k8s"));
        assertNotEquals(0, m.get("mesocosm_offer_rounds_total"));
    }

    private static Map<String, Long> metrics(MesosHarness h) {
        return h.policy.metrics().stream().collect(Collectors.toMap(PolicyMetric::name, PolicyMetric::value));
    }
}
