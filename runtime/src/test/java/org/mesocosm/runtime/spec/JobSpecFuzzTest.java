package org.mesocosm.runtime.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.model.JobSpec;

/**
 * Fuzzes the job-spec reader, JSON and YAML (chosen as the API and the CLI choose: by the first
 * character). Any text either becomes a spec that the writer writes back into an equal spec, or is
 * refused with a one-line {@link SpecError} naming the field; anything else thrown is a finding.
 * Seeds: {@code examples/} and their YAML forms, in {@code JobSpecFuzzTestInputs/spec}.
 */
class JobSpecFuzzTest {

    /** Loads (and lets Jazzer instrument) the reader and both parsers before the first input is timed. */
    @BeforeAll
    static void warmUp() {
        check("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 1, \"command\": \"true\"}]}");
        check("kind: batch\ntasks: [{name: a, cpus: 1, mem: 1, command: 'true'}]\n");
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void spec(byte[] data) {
        check(new String(data, StandardCharsets.UTF_8));
    }

    static void check(String text) {
        ParsedJob job;
        try {
            job = JobSpecReader.read(text);
        } catch (SpecError e) {
            String m = e.getMessage();
            if (m.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) throw new AssertionError("an error is one line: " + m, e);
            if (!m.startsWith(e.field().isEmpty() ? "(document): " : SpecError.oneLine(e.field()) + ": ")) throw new AssertionError("message does not start with its field: " + m, e);
            return;
        }
        JobSpec spec = job.spec();
        ParsedJob back = JobSpecReader.read(JobSpecWriter.toTree(spec));
        if (!back.spec().equals(spec)) throw new AssertionError("written back as " + back.spec() + ", read as " + spec);
    }
}
