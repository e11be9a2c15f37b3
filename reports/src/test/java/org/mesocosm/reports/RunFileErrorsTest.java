package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad run directories fail with a message that names the file, and line and field when known. */
class RunFileErrorsTest {
    private static final String TASKS_HEADER =
            "task_id,job_id,role,kind,priority,instance,attempt,cpu_m,mem_mib,ready_s,placed_s,start_s,end_s,agent,state";
    private static final String GOOD_ROW = "t1,j1,web,BATCH,1,0,0,100,64,1.0,1.5,2.0,9.0,a1,FINISHED";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "timeline.csv", "tasks.csv"})
    void missingFileIsNamed(String name) throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.delete(dir.resolve(name));

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RunReport.write(dir));

        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingRunDirectoryIsNamed() {
        Path nowhere = dir.resolve("no-such-run");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RunReport.write(nowhere));
        assertTrue(e.getMessage().contains("no-such-run"), e.getMessage());
    }

    /** A bad tasks.csv: the rows after the header, and the line and field the error must name. */
    record BadTasks(String name, List<String> rows, long line, String field, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadTasks> badTasks() {
        return Stream.of(
                new BadTasks("number that is not one",
                        List.of(GOOD_ROW, GOOD_ROW, "t3,j1,web,BATCH,1,1,0,100,64,soon,1.5,2.0,9.0,a1,FINISHED"),
                        4, "ready_s", "'soon' is not a number"),
                new BadTasks("too few fields", List.of(GOOD_ROW, "t2,j1,web"), 3, null, "row has 3 fields"),
                new BadTasks("unknown state",
                        List.of("t1,j1,web,BATCH,1,0,0,100,64,1.0,1.5,2.0,9.0,a1,DONE"), 2, "state", "'DONE'"),
                new BadTasks("placed before ready",
                        List.of("t1,j1,web,BATCH,1,0,0,100,64,5.0,1.5,2.0,9.0,a1,FINISHED"), 2, "placed_s", "before"),
                new BadTasks("finished without end",
                        List.of("t1,j1,web,BATCH,1,0,0,100,64,1.0,1.5,2.0,,a1,FINISHED"), 2, "end_s", "FINISHED"),
                new BadTasks("fractional attempt",
                        List.of("t1,j1,web,BATCH,1,0,0.5,100,64,1.0,1.5,2.0,9.0,a1,FINISHED"), 2, "attempt", "whole"),
                new BadTasks("unterminated quote",
                        List.of(GOOD_ROW, "t2,j1,\"web,BATCH,1,0,0,100,64,1.0,1.5,2.0,9.0,a1,FINISHED"), 3, null,
                        "unterminated"));
    }

    @ParameterizedTest
    @MethodSource("badTasks")
    void malformedTaskRowNamesFileLineAndField(BadTasks c) throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.writeString(dir.resolve("tasks.csv"), TASKS_HEADER + "\n" + String.join("\n", c.rows()) + "\n");

        RunFileException e = assertThrows(RunFileException.class, () -> RunReport.write(dir));

        assertEquals(dir.resolve("tasks.csv"), e.file());
        assertEquals(c.line(), e.line(), e.getMessage());
        assertEquals(c.field(), e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("tasks.csv, line " + c.line()), e.getMessage());
        assertTrue(e.getMessage().contains(c.says()), e.getMessage());
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.writeString(dir.resolve("tasks.csv"), TASKS_HEADER.replace("placed_s", "placed") + "\n");

        RunFileException e = assertThrows(RunFileException.class, () -> RunReport.write(dir));

        assertEquals(1, e.line());
        assertEquals("placed_s", e.field());
        assertTrue(e.getMessage().contains("required column is missing"), e.getMessage());
    }

    @Test
    void timelineGoingBackwardsIsNamed() throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.writeString(dir.resolve("timeline.csv"),
                "time_s,cpu_alloc,mem_alloc,agents_up,tasks_pending,tasks_running\n60,0,0,1,0,0\n0,0,0,1,0,0\n");

        RunFileException e = assertThrows(RunFileException.class, () -> RunReport.write(dir));

        assertTrue(e.getMessage().contains("timeline.csv, line 3, field 'time_s'"), e.getMessage());
    }

    @Test
    void brokenJsonNamesFileAndLine() throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.writeString(dir.resolve("summary.json"), "{\n  \"policy\": \"drf\",\n  \"nodes\": ,\n}\n");

        RunFileException e = assertThrows(RunFileException.class, () -> RunReport.write(dir));

        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("summary.json, line 3"), e.getMessage());
    }

    @Test
    void emptyCsvSaysSo() throws IOException {
        new SyntheticRun().tasks(50).writeTo(dir);
        Files.writeString(dir.resolve("tasks.csv"), "");

        RunFileException e = assertThrows(RunFileException.class, () -> RunReport.write(dir));

        assertTrue(e.getMessage().contains("tasks.csv, line 1: no header line"), e.getMessage());
    }
}
