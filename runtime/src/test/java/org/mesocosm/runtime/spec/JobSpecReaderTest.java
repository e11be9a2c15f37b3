package org.mesocosm.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mesocosm.runtime.cron.ConcurrencyPolicy;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.model.TaskSpec;

class JobSpecReaderTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static String task(String extra) {
        return "{\"name\":\"t\",\"cpus\":0.5,\"mem\":128,\"command\":\"true\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String job(String kind, String extra, String... tasks) {
        return "{\"kind\":\"" + kind + "\"" + (extra.isEmpty() ? "" : "," + extra) + ",\"tasks\":[" + String.join(",", tasks) + "]}";
    }

    /** Variables only the task's own programs read are the task's business (docs/security.md); the refused ones are next to them in badSpecs. */
    @Test
    void acceptsVariablesOnlyTheTasksOwnProgramsRead() {
        String spec = job("batch", "", task("\"env\":{\"PATH\":\"/opt/bin:/usr/bin\",\"TMPDIR\":\"/tmp/x\",\"PYTHONPATH\":\"lib\","
                + "\"LANG\":\"C.UTF-8\",\"LDAP_URI\":\"ldap://h\",\"MALLOCX\":\"1\",\"MESOCOSM_LOAD_RUN_MS\":\"5\"}"));
        Map<String, String> env = JobSpecReader.read(spec).spec().tasks().get(0).env();
        assertEquals(java.util.Set.of("PATH", "TMPDIR", "PYTHONPATH", "LANG", "LDAP_URI", "MALLOCX", "MESOCOSM_LOAD_RUN_MS"), env.keySet());
    }

    @Test
    void readsAFullJsonSpec() {
        ParsedJob p = JobSpecReader.read("""
                {"id": "etl", "role": "data", "kind": "pipeline", "priority": 5, "max_retries": 2,
                 "tasks": [
                   {"name": "a", "instances": 3, "cpus": 1.25, "mem": 512, "disk": 10, "command": "echo a",
                    "env": {"MODE": "fast", "N": 3, "DEBUG": true}, "secrets": [{"name": "db-password", "env": "TOKEN"}, {"name": "tls.key", "file": "secrets/key.pem"}],
                    "labels": {"team": "x"}, "node_selector": {"rack": "r1"}, "sim": {"duration_s": 1.5, "fail_probability": 0.25}},
                   {"name": "b", "cpu_m": 250, "mem": 64, "depends_on": ["a"]}
                 ]}""");
        JobSpec s = p.spec();
        assertTrue(p.idGiven());
        assertEquals("etl", s.id());
        assertEquals("data", s.role());
        assertEquals(JobKind.PIPELINE, s.kind());
        assertEquals(5, s.priority());
        assertEquals(2, s.maxRetries());
        TaskSpec a = s.tasks().get(0);
        assertEquals(new Resources(1250, 512, 10, 0), a.request());
        assertEquals(3, a.instances());
        assertEquals(Map.of("MODE", "fast", "N", "3", "DEBUG", "true"), a.env());
        assertEquals(List.of(SecretRef.env("db-password", "TOKEN"), SecretRef.file("tls.key", "secrets/key.pem")), a.secrets());
        assertEquals(Map.of("rack", "r1"), a.nodeSelector());
        assertEquals(1_500_000L, a.sim().durationMicros(0));
        assertEquals(0.25, a.sim().failureProbability());
        assertEquals(250, s.tasks().get(1).request().cpuMillis());
        assertEquals(List.of("a"), s.tasks().get(1).dependsOn());
    }

    @Test
    void readsYamlAndCron() {
        ParsedJob p = JobSpecReader.read("""
                kind: cron
                schedule: "0 3 * * MON-FRI"
                timezone: Asia/Tokyo
                concurrency_policy: replace
                tasks:
                  - name: nightly
                    cpus: 2
                    mem: 1024
                    command: ./run.sh
                """);
        assertFalse(p.idGiven(), "no id: the master assigns one");
        assertEquals(JobSpecReader.UNASSIGNED_ID, p.spec().id());
        assertEquals("default", p.spec().role());
        assertEquals(ZoneId.of("Asia/Tokyo"), p.spec().cron().zone());
        assertEquals(ConcurrencyPolicy.REPLACE, p.spec().cron().concurrency());
        assertEquals("0 3 * * MON-FRI", p.spec().cron().expression().toString());
        assertEquals("j-7", p.withId("j-7").spec().id());
    }

    @Test
    void servicesRunForeverInSimulationAndBatchTasksAMinuteUnlessTold() {
        assertTrue(JobSpecReader.read(job("service", "", task(""))).spec().tasks().get(0).sim().durationMicros(0) < 0);
        assertEquals(60_000_000L, JobSpecReader.read(job("batch", "", task(""))).spec().tasks().get(0).sim().durationMicros(0));
    }

    record Bad(String name, String spec, String wantMessage) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Bad> badSpecs() {
        return Stream.of(
                new Bad("empty", "  ", "(document): empty document"),
                new Bad("not json", "{\"kind\": ", "(document): not valid JSON"),
                new Bad("not an object", "[1,2]", "(document): must be an object, got a list"),
                new Bad("duplicate key", "{\"kind\":\"batch\",\"kind\":\"service\",\"tasks\":[]}", "Duplicate field 'kind'"),
                new Bad("no kind", "{\"tasks\":[" + task("") + "]}", "kind: is required"),
                new Bad("bad kind", job("daemon", "", task("")), "kind: 'daemon' is not one of service, batch, cron, pipeline"),
                new Bad("unknown field", job("batch", "\"retries\":3", task("")), "retries: unknown field (valid: id, role, kind"),
                new Bad("unknown task field", job("batch", "", task("\"cpu\":1")), "tasks[0].cpu: unknown field"),
                new Bad("bad id", job("batch", "\"id\":\"a.b\"", task("")), "id: 'a.b' is not a valid name"),
                new Bad("no tasks", job("batch", ""), "tasks: must not be empty"),
                new Bad("tasks not a list", "{\"kind\":\"batch\",\"tasks\":{}}", "tasks: must be a list, got an object"),
                new Bad("zero cpus", job("batch", "", "{\"name\":\"t\",\"cpus\":0,\"mem\":1}"), "tasks[0].cpus: must be > 0, got 0"),
                new Bad("negative cpus", job("batch", "", "{\"name\":\"t\",\"cpus\":-1,\"mem\":1}"), "tasks[0].cpus: must be > 0"),
                new Bad("cpus too fine", job("batch", "", "{\"name\":\"t\",\"cpus\":0.0001,\"mem\":1}"), "tasks[0].cpus: at most three decimals"),
                new Bad("cpus and cpu_m", job("batch", "", "{\"name\":\"t\",\"cpus\":1,\"cpu_m\":1000,\"mem\":1}"), "tasks[0].cpus: give cpus or cpu_m, not both"),
                new Bad("no cpu", job("batch", "", "{\"name\":\"t\",\"mem\":1}"), "tasks[0].cpus: is required"),
                new Bad("no mem", job("batch", "", "{\"name\":\"t\",\"cpus\":1}"), "tasks[0].mem: is required"),
                new Bad("mem as text", job("batch", "", "{\"name\":\"t\",\"cpus\":1,\"mem\":\"1G\"}"), "tasks[0].mem: must be a whole number, got a string"),
                new Bad("zero instances", job("batch", "", task("\"instances\":0")), "tasks[0].instances: must be > 0, got 0"),
                new Bad("no name", job("batch", "", "{\"cpus\":1,\"mem\":1}"), "tasks[0].name: is required"),
                new Bad("duplicate names", job("batch", "", task(""), task("")), "tasks[1].name: 't' is already the name of tasks[0]"),
                new Bad("unknown dependency", job("pipeline", "", task(""), "{\"name\":\"u\",\"cpus\":1,\"mem\":1,\"depends_on\":[\"x\"]}"),
                        "tasks[1].depends_on: unknown task 'x'"),
                new Bad("cycle", job("pipeline", "",
                        "{\"name\":\"a\",\"cpus\":1,\"mem\":1,\"depends_on\":[\"c\"]}",
                        "{\"name\":\"b\",\"cpus\":1,\"mem\":1,\"depends_on\":[\"a\"]}",
                        "{\"name\":\"c\",\"cpus\":1,\"mem\":1,\"depends_on\":[\"b\"]}"), "tasks[0].depends_on: dependency cycle a -> c -> b -> a"),
                new Bad("self dependency", job("pipeline", "", task("\"depends_on\":[\"t\"]")), "dependency cycle t -> t"),
                new Bad("deps in a batch job", job("batch", "", task("\"depends_on\":[\"t\"]")), "tasks[0].depends_on: only pipeline and cron jobs"),
                new Bad("retries on a service", job("service", "\"max_retries\":1", task("")), "max_retries: services relaunch"),
                new Bad("cron without schedule", job("cron", "", task("")), "schedule: is required"),
                new Bad("bad schedule", job("cron", "\"schedule\":\"61 * * * *\"", task("")), "schedule: minute field '61' value 61 is outside 0-59"),
                new Bad("bad zone", job("cron", "\"schedule\":\"* * * * *\",\"timezone\":\"Mars/Olympus\"", task("")), "timezone: 'Mars/Olympus' is not a time zone"),
                new Bad("bad policy", job("cron", "\"schedule\":\"* * * * *\",\"concurrency_policy\":\"queue\"", task("")),
                        "concurrency_policy: 'queue' is not one of allow, forbid, replace"),
                new Bad("schedule on a batch job", job("batch", "\"schedule\":\"* * * * *\"", task("")), "schedule: only cron jobs have a schedule"),
                new Bad("bad env name", job("batch", "", task("\"env\":{\"1X\":\"v\"}")), "tasks[0].env.1X: invalid name"),
                new Bad("loader variable in env", job("batch", "", task("\"env\":{\"LD_PRELOAD\":\"/tmp/x.so\"}")),
                        "tasks[0].env.LD_PRELOAD: refused: the dynamic loader"),
                new Bad("glibc tunables in env", job("batch", "", task("\"env\":{\"GLIBC_TUNABLES\":\"x\"}")),
                        "tasks[0].env.GLIBC_TUNABLES: refused"),
                new Bad("malloc variable in env", job("batch", "", task("\"env\":{\"MALLOC_TRACE\":\"/etc/x\"}")),
                        "tasks[0].env.MALLOC_TRACE: refused"),
                new Bad("shell start-up file in env", job("batch", "", task("\"env\":{\"BASH_ENV\":\"/tmp/x\"}")),
                        "tasks[0].env.BASH_ENV: refused"),
                new Bad("agent variable in env", job("batch", "", task("\"env\":{\"MESOCOSM_TASK_ID\":\"x\"}")),
                        "tasks[0].env.MESOCOSM_TASK_ID: MESOCOSM_TASK_ID is set by the agent"),
                new Bad("GPU share claimed through env", job("batch", "", task("\"env\":{\"MESOCOSM_GPU_MILLI\":\"500\"}")),
                        "tasks[0].env.MESOCOSM_GPU_MILLI: MESOCOSM_GPU_MILLI is set by the agent"),
                new Bad("GPU devices claimed through env", job("batch", "", task("\"env\":{\"CUDA_VISIBLE_DEVICES\":\"0\"}")),
                        "tasks[0].env.CUDA_VISIBLE_DEVICES: CUDA_VISIBLE_DEVICES is set by the agent"),
                new Bad("loader variable as a secret", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"env\":\"LD_AUDIT\"}]")),
                        "tasks[0].secrets[0].env: refused: the dynamic loader"),
                new Bad("env value object", job("batch", "", task("\"env\":{\"X\":{}}")), "tasks[0].env.X: must be a string, number or boolean, got an object"),
                new Bad("secret shadows env", job("batch", "", task("\"env\":{\"X\":\"1\"},\"secrets\":[{\"name\":\"s\",\"env\":\"X\"}]")),
                        "tasks[0].secrets[0].env: 'X' is also set in the task's env"),
                new Bad("inline secret value", job("batch", "", task("\"secrets\":{\"X\":\"hunter2\"}")),
                        "tasks[0].secrets: inline secret values are not accepted; store the value with 'mesocosm secret put NAME'"),
                new Bad("secret without target", job("batch", "", task("\"secrets\":[{\"name\":\"s\"}]")),
                        "tasks[0].secrets[0]: needs exactly one of env or file"),
                new Bad("secret with both targets", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"env\":\"X\",\"file\":\"f\"}]")),
                        "tasks[0].secrets[0]: needs exactly one of env or file"),
                new Bad("secret without name", job("batch", "", task("\"secrets\":[{\"env\":\"X\"}]")), "tasks[0].secrets[0].name: is required"),
                new Bad("bad secret name", job("batch", "", task("\"secrets\":[{\"name\":\"a/b\",\"env\":\"X\"}]")),
                        "tasks[0].secrets[0].name: 1-63 letters"),
                new Bad("secret file leaves the sandbox", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"file\":\"../x\"}]")),
                        "tasks[0].secrets[0].file: a relative path inside the sandbox"),
                new Bad("absolute secret file", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"file\":\"/etc/x\"}]")),
                        "tasks[0].secrets[0].file: a relative path inside the sandbox"),
                new Bad("secret file over stdout", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"file\":\"stdout\"}]")),
                        "tasks[0].secrets[0].file: 'stdout' is a file the agent keeps"),
                new Bad("secret env set by the agent", job("batch", "", task("\"secrets\":[{\"name\":\"s\",\"env\":\"MESOCOSM_TASK_ID\"}]")),
                        "tasks[0].secrets[0].env: MESOCOSM_ variables are set by the agent"),
                new Bad("two secrets in one file", job("batch", "", task("\"secrets\":[{\"name\":\"a\",\"file\":\"k\"},{\"name\":\"b\",\"file\":\"k\"}]")),
                        "tasks[0].secrets[1]: file k is already given by tasks[0].secrets[0]"),
                new Bad("unknown secret field", job("batch", "", task("\"secrets\":[{\"name\":\"a\",\"env\":\"X\",\"value\":\"v\"}]")),
                        "tasks[0].secrets[0].value: unknown field"),
                new Bad("blank command", job("batch", "", "{\"name\":\"t\",\"cpus\":1,\"mem\":1,\"command\":\" \"}"), "tasks[0].command: must not be blank"),
                new Bad("bad probability", job("batch", "", task("\"sim\":{\"fail_probability\":1.5}")), "tasks[0].sim.fail_probability: must be between 0 and 1"),
                new Bad("durations per instance", job("batch", "", task("\"instances\":2,\"sim\":{\"duration_s\":[1]}")),
                        "tasks[0].sim.duration_s: has 1 durations for 2 instances"),
                new Bad("bad constraint", job("service", "", task("\"constraints\":[\"hostname:UNIQUE\",\"rack:MAX_PER:0\"]")),
                        "tasks[0].constraints[1]: 'rack:MAX_PER:0': '0' is not a positive integer"),
                new Bad("constraints not strings", job("service", "", task("\"constraints\":[{\"rack\":1}]")),
                        "tasks[0].constraints[0]: must be a string"),
                new Bad("unknown framework", job("service", "\"framework\":\"yarn\"", task("")),
                        "framework: 'yarn' is not one of marathon, jobs, k8s, spark"),
                new Bad("framework not a string", job("service", "\"framework\":3", task("")), "framework: must be a string"),
                new Bad("anti-affinity without labels", job("service", "", task("\"pod_anti_affinity\":[{\"topology_key\":\"hostname\"}]")),
                        "tasks[0].pod_anti_affinity[0].labels: is required"),
                new Bad("bad node affinity operator", job("service", "", task("\"node_affinity\":[{\"key\":\"zone\",\"operator\":\"is\"}]")),
                        "tasks[0].node_affinity[0].operator: 'is' is not one of in, not_in, exists, does_not_exist, gt, lt"),
                new Bad("in without values", job("service", "", task("\"node_affinity\":[{\"key\":\"zone\",\"operator\":\"in\"}]")),
                        "tasks[0].node_affinity[0].values"),
                new Bad("unknown spread field", job("service", "", task("\"topology_spread\":[{\"topology_key\":\"zone\",\"skew\":1}]")),
                        "tasks[0].topology_spread[0].skew: unknown field"),
                new Bad("yaml syntax", "kind: batch\ntasks: [\n", "(document): not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void rejectsBadSpecsNamingTheFieldAndReason(Bad b) {
        SpecError e = assertThrows(SpecError.class, () -> JobSpecReader.read(b.spec()));
        assertTrue(e.getMessage().contains(b.wantMessage()), "got: " + e.getMessage());
    }

    @Test
    void anInlineSecretValueIsNotRepeatedInTheError() {
        SpecError e = assertThrows(SpecError.class, () -> JobSpecReader.read(job("batch", "", task("\"secrets\":{\"X\":\"hunter2\"}"))));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void readsTheFrameworkAndPodConstraintsAndWritesThemBack() {
        JobSpec s = JobSpecReader.read(job("service", "\"framework\":\"k8s\"", task("\"labels\":{\"app\":\"web\"},"
                + "\"pod_anti_affinity\":[{\"labels\":{\"app\":\"web\"},\"topology_key\":\"hostname\"}],"
                + "\"pod_affinity\":[{\"labels\":{\"app\":\"db\"},\"topology_key\":\"zone\"}],"
                + "\"node_affinity\":[{\"key\":\"zone\",\"operator\":\"in\",\"values\":[\"a\",\"b\"]},{\"key\":\"ssd\",\"operator\":\"exists\"}],"
                + "\"topology_spread\":[{\"max_skew\":2,\"topology_key\":\"zone\",\"labels\":{\"app\":\"web\"}}]"))).spec();
        assertEquals("k8s", s.framework());
        org.mesocosm.runtime.model.constraints.PodConstraints c = s.tasks().get(0).podConstraints();
        assertEquals("hostname", c.podAntiAffinity().required().get(0).topologyKey());
        assertEquals(2, c.nodeAffinity().required().get(0).requirements().size());
        assertEquals(2, c.topologySpread().get(0).maxSkew());
        assertEquals(s, JobSpecReader.read(JobSpecWriter.toTree(s)).spec());
        assertEquals(null, JobSpecReader.read(job("service", "", task(""))).spec().framework(), "optional: routed by kind");
    }

    @Test
    void readsMarathonConstraintsAndWritesThemBack() {
        JobSpec s = JobSpecReader.read(job("service", "", task("\"constraints\":[\"hostname:UNIQUE\",\"rack:GROUP_BY:3\"]"))).spec();
        assertEquals(List.of("hostname:UNIQUE", "rack:GROUP_BY:3"), s.tasks().get(0).constraints());
        assertEquals(s, JobSpecReader.read(JobSpecWriter.toTree(s)).spec());
    }

    @Test
    void writingAndReadingBackGivesTheSameSpec() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                JobSpec s = JobSpecReader.read(Files.readString(f)).spec();
                JobSpec back = JobSpecReader.read(JobSpecWriter.toTree(s)).spec();
                assertEquals(s, back, f.toString());
            }
        }
    }

    @Test
    void everyExampleIsValidAndTheFailingPipelineHasTwoDependentsOfTheFailingStep() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("service.json", "batch.json", "cron.json", "pipeline-fails.json", "pipeline.yaml")), names.toString());
        JobSpec p = JobSpecReader.read(Files.readString(EXAMPLES.resolve("pipeline-fails.json"))).spec();
        TaskSpec failing = p.tasks().stream().filter(t -> t.command().contains("exit 1")).findFirst().orElseThrow();
        assertEquals(2, p.tasks().stream().filter(t -> t.dependsOn().contains(failing.name())).count());
    }

    @Test
    void aTruncatedJsonSpecSaysWhereWithoutJacksonInternals() {
        SpecError e = assertThrows(SpecError.class, () -> JobSpecReader.read("{\"kind\": \"batch\", \"tasks\": [ {\"command\": \"a\" \n"));
        assertFalse(e.getMessage().contains("[Source"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    }
}
