package org.mesocosm.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.spec.JobSpecReader;

/** Every input survives the trip through the input log unchanged; a log cut short by a crash reads up to the cut. */
class InputCodecTest {
    @TempDir
    Path tmp;

    private static final String PIPELINE = """
            {"id": "p", "role": "etl", "kind": "pipeline", "max_retries": 1, "tasks": [
              {"name": "a", "cpus": 0.5, "mem": 64, "command": "echo a", "env": {"X": "1"}, "secrets": [{"name": "tok", "env": "TOKEN"}, {"name": "key", "file": "k/key.pem"}]},
              {"name": "b", "cpu_m": 250, "mem": 32, "command": "exit 1", "depends_on": ["a"], "labels": {"tier": "x"}}]}""";

    private static List<Input> inputs() {
        return List.of(
                new Input.AgentAdded("a1", new Resources(4000, 8192, 100, 1), Map.of("rack", "r1")),
                new Input.JobSubmitted(JobSpecReader.read(PIPELINE).spec()),
                new Input.TimerFired(7),
                new Input.TaskStatus("p.a.0.0", TaskState.FAILED, 3, "exited with status 3"),
                new Input.JobScaled("web", "server", 5),
                new Input.JobKillRequested("p"),
                new Input.AgentReregistered("a1", new Resources(4000, 8192, 0, 0), Map.of(), List.of("t1", "t2")),
                new Input.AgentRemoved("a1", "no heartbeat"));
    }

    @Test
    void roundTrip() {
        long t = 1_700_000_000_000_000L;
        for (Input in : inputs()) {
            var o = InputCodec.encode(t, in);
            assertEquals(t, InputCodec.time(o));
            assertEquals(in, InputCodec.decode(o), o.toString());
        }
    }

    @Test
    void secretReferencesAreLoggedByName() {
        String line = InputCodec.encode(0, new Input.JobSubmitted(JobSpecReader.read(PIPELINE).spec())).toString();
        assertTrue(line.contains("{\"name\":\"tok\",\"env\":\"TOKEN\"}"), line);
        assertTrue(line.contains("{\"name\":\"key\",\"file\":\"k/key.pem\"}"), line);
    }

    @Test
    void logFileRoundTripAndTornLastLine() throws Exception {
        Path f = tmp.resolve("inputs.jsonl");
        try (InputLog.Writer w = new InputLog.Writer(f, new InputLog.Header("drf:interval=50ms", MasterConfig.DEFAULT))) {
            long t = 0;
            for (Input in : inputs()) w.append(t += 10, in);
        }
        InputLog.Contents c = InputLog.read(f);
        assertEquals("drf:interval=50ms", c.header().policy());
        assertEquals(MasterConfig.DEFAULT, c.header().config());
        assertEquals(inputs(), c.entries().stream().map(InputLog.Entry::input).toList());

        Files.writeString(f, Files.readString(f) + "{\"t\": 99, \"in\": \"TimerF");
        assertEquals(inputs().size(), InputLog.read(f).entries().size(), "a torn last line is dropped");

        List<String> lines = Files.readAllLines(f);
        lines.set(2, "garbage");
        Files.write(f, lines);
        assertThrows(java.io.IOException.class, () -> InputLog.read(f), "corruption before the end is an error");
    }
}
