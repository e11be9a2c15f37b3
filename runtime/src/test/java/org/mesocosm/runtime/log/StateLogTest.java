package org.mesocosm.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.master.MasterConfig;

class StateLogTest {
    private static final DurableInputLog.Options OPTIONS = new DurableInputLog.Options(true, 0);
    private static final InputLog.Header HEADER = new InputLog.Header("drf:interval=50ms", new MasterConfig(200_000L, 2_000_000L, 60_000_000L));

    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackWithTheirHeader() throws Exception {
        List<InputLog.Entry> sample = DurableInputLogTest.sample(30);
        StateLog.Opened o = StateLog.open(dir, HEADER, OPTIONS);
        try (DurableInputLog log = o.recovered().log()) {
            for (InputLog.Entry e : sample) log.append(e.at(), e.input());
        }
        InputLog.Contents c = StateLog.read(dir);
        assertEquals(HEADER, c.header());
        assertEquals(sample, c.entries());
    }

    @Test
    void anotherPolicyIsRefused() throws Exception {
        StateLog.open(dir, HEADER, OPTIONS).recovered().log().close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateLog.open(dir, new InputLog.Header("k8s", MasterConfig.DEFAULT), OPTIONS));
        assertTrue(e.getMessage().contains("drf:interval=50ms"), e.getMessage());
    }

    /** A state dir of an older version (JSON lines, no checksums) is imported once, torn last line and all. */
    @Test
    void aLegacyLogIsImportedOnce() throws Exception {
        List<InputLog.Entry> sample = DurableInputLogTest.sample(40);
        try (InputLog.Writer w = new InputLog.Writer(dir.resolve(StateLog.LEGACY), HEADER)) {
            for (InputLog.Entry e : sample) w.append(e.at(), e.input());
        }
        Files.writeString(dir.resolve(StateLog.LEGACY), "{\"t\": 99, \"in\": \"Timer", java.nio.file.StandardOpenOption.APPEND);
        StateLog.Opened o = StateLog.open(dir, HEADER, OPTIONS);
        o.recovered().log().close();
        assertEquals(sample.size(), o.importedLegacy());
        assertEquals(sample, o.recovered().entries());
        assertFalse(Files.exists(dir.resolve(StateLog.LEGACY)));
        assertTrue(Files.exists(dir.resolve(StateLog.LEGACY + ".imported")));
        StateLog.Opened again = StateLog.open(dir, HEADER, OPTIONS);
        again.recovered().log().close();
        assertEquals(0, again.importedLegacy());
        assertEquals(sample, again.recovered().entries());
    }
}
