package org.mesocosm.traces.google2011;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.LineReader;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Where the tables of a clusterdata-2011-2 trace are. PATH is either the trace's root (with
 * {@code task_events/}, {@code machine_events/}, {@code job_events/}, {@code task_usage/} as
 * Google ships it), or one table: a part file or a directory of part files, whose table is
 * recognized by its column count (task_events 13, job_events 8, machine_events 6, task_usage
 * 19 or 20). A column count that matches no table is an error naming the file.
 */
public record Google2011Layout(List<Path> taskEvents, List<Path> machineEvents, List<Path> jobEvents, List<Path> taskUsage) {

    public static Google2011Layout of(Path path) {
        if (Files.isDirectory(path) && hasTableDirs(path)) {
            return new Google2011Layout(table(path, TaskEvent.TABLE), table(path, MachineEvent.TABLE), table(path, JobEvent.TABLE),
                    table(path, "task_usage"));
        }
        List<Path> files = TraceFiles.dataFiles(path);
        List<Path> task = new ArrayList<>();
        List<Path> machine = new ArrayList<>();
        List<Path> job = new ArrayList<>();
        List<Path> usage = new ArrayList<>();
        for (Path f : files) {
            int cols = columns(f);
            switch (cols) {
                case TaskEvent.COLUMNS -> task.add(f);
                case MachineEvent.COLUMNS -> machine.add(f);
                case JobEvent.COLUMNS -> job.add(f);
                case 19, 20 -> usage.add(f);
                case 0 -> { } // an empty part holds no rows of any table
                default -> throw TraceException.file(TraceFiles.display(f), cols + " columns match no google2011 table (task_events 13, "
                        + "job_events 8, machine_events 6, task_usage 19-20)");
            }
        }
        return new Google2011Layout(task, machine, job, usage);
    }

    private static boolean hasTableDirs(Path dir) {
        for (String t : List.of(TaskEvent.TABLE, MachineEvent.TABLE, JobEvent.TABLE, "task_usage")) {
            if (Files.isDirectory(dir.resolve(t))) return true;
        }
        return false;
    }

    private static List<Path> table(Path root, String name) {
        Path dir = root.resolve(name);
        return Files.isDirectory(dir) ? TraceFiles.dataFiles(dir) : List.of();
    }

    /** Columns of the first line of a file (0 for an empty file). */
    static int columns(Path file) {
        try (LineReader r = new LineReader(file)) {
            if (!r.next()) return 0;
            return new Fields().split(r.buf(), r.start(), r.end(), (byte) ',');
        }
    }
}
