package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTableTest {

    @Test
    void showsTheKeyValues() {
        String table = SummaryTable.render(SyntheticRun.defaultSummary());
        System.out.print(table);

        for (String expected : new String[] {
            "drf on google-2019-sample, seed 42", "12,500", "2.00 h simulated",
            "1,000 submitted, 871 finished, 57 failed, 4 lost, 3 unscheduled",
            "cpu 73.4%, mem 61.3%", "p50 1.25  p95 30.4  p99 120  max 4,321",
            "p50 312  p95 3,600", "0.981", "17", "123,456 in 2.5 s wall (49,382 events/s)",
            SyntheticRun.DIGEST.substring(0, 16) + "..."}) {
            assertTrue(table.contains(expected), "table lacks '" + expected + "':\n" + table);
        }
        assertTrue(table.lines().count() <= 13, "short: " + table.lines().count() + " lines");
        assertTrue(table.lines().allMatch(l -> l.length() <= 100), "fits a terminal");
    }

    @Test
    void sameTableFromMapJsonAndRunDirectory(@TempDir Path dir) throws IOException {
        new SyntheticRun().writeTo(dir);
        String fromMap = SummaryTable.render(SyntheticRun.defaultSummary());
        assertEquals(fromMap, SummaryTable.render(dir));
        assertEquals(fromMap, SummaryTable.render(Summary.JSON.readTree(dir.resolve("summary.json").toFile())));
    }

    @Test
    void missingKeysPrintAsNotAvailable() {
        String table = SummaryTable.render(Map.of("policy", "fifo", "sched_latency_ms", Map.of("p50", 3)));
        assertTrue(table.contains("fifo on n/a"));
        assertTrue(table.contains("p50 3  p95 n/a"));
        assertTrue(table.contains("cpu n/a"));
    }

    @Test
    void speaksOnlyOfTheDecisionTimeModeThatExists() {
        String table = SummaryTable.render(SyntheticRun.defaultSummary());
        assertTrue(table.contains("decision time zero"), table);
        assertFalse(table.contains("measured") || table.contains("not reproducible"), table);
    }
}
