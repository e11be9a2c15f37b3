package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mesocosm.cli.Mesocosm;

/** Bad options get one line naming the option and exit status 2, before anything starts. */
class LoadCommandTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--agents 0            | --agents must be 1-400",
            "--agents 5000         | --agents must be 1-400",
            "--jobs 0              | --jobs must be at least 1",
            "--clients 0           | --clients must be 1-256",
            "--rate -1             | --rate must not be negative",
            "--task-time 5ms       | --task-time must be MIN-MAX",
            "--task-time 2s-1s     | --task-time: need MIN <= MAX",
            "--task-time 1x-2s     | --task-time:",
            "--policy nosuch       | --policy:"})
    void badOptionsExitTwo(String args, String message) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            String[] a = ("loadtest " + args.trim()).split(" +");
            code = Mesocosm.execute(a);
        } finally {
            System.setErr(err);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, out);
        assertTrue(out.contains(message), out);
        assertEquals(1, out.strip().lines().count(), out);
    }
}
