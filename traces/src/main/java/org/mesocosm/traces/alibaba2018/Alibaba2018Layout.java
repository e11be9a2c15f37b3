package org.mesocosm.traces.alibaba2018;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.LineReader;
import org.mesocosm.traces.io.TraceFiles;

/**
 * The tables of an Alibaba 2018 trace: files or directories named {@code batch_task*} and
 * {@code machine_meta*}; a file with another name is recognized by its column count (batch_task 9,
 * machine_meta 7). batch_instance (14), container_meta (8) and the usage tables are recognized
 * and counted but not replayed.
 */
record Alibaba2018Layout(List<Path> batchTask, List<Path> machineMeta, List<Path> other) {

    static Alibaba2018Layout of(Path path) {
        List<Path> tasks = new ArrayList<>();
        List<Path> machines = new ArrayList<>();
        List<Path> other = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (String t : List.of(BatchTask.TABLE, MachineMeta.TABLE)) {
                Path sub = path.resolve(t);
                if (Files.isDirectory(sub)) (t.equals(BatchTask.TABLE) ? tasks : machines).addAll(TraceFiles.dataFiles(sub));
            }
            if (tasks.isEmpty() && machines.isEmpty()) files.addAll(TraceFiles.dataFiles(path));
        } else {
            files.add(path);
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.startsWith(BatchTask.TABLE)) tasks.add(f);
            else if (n.startsWith(MachineMeta.TABLE)) machines.add(f);
            else {
                int cols = columns(f);
                switch (cols) {
                    case BatchTask.COLUMNS -> tasks.add(f);
                    case MachineMeta.COLUMNS -> machines.add(f);
                    case 8, 14 -> other.add(f);
                    case 0 -> { }
                    default -> throw TraceException.file(TraceFiles.display(f), cols
                            + " columns match no alibaba2018 table (batch_task 9, machine_meta 7, container_meta 8, batch_instance 14)");
                }
            }
        }
        return new Alibaba2018Layout(tasks, machines, other);
    }

    private static int columns(Path file) {
        try (LineReader r = new LineReader(file)) {
            while (r.next()) {
                if (!r.isEmptyLine()) return new Fields().split(r.buf(), r.start(), r.end(), (byte) ',');
            }
            return 0;
        }
    }
}
