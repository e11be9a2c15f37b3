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
 * The tables of an Alibaba 2018 trace: files or directories named {@code batch_task*},
 * {@code batch_instance*}, {@code container_meta*} and {@code machine_meta*}; a file with another
 * name is recognized by its column count (batch_task 9, batch_instance 14, container_meta 8,
 * machine_meta 7). The usage tables (machine_usage 9, container_usage 11 columns) are not read:
 * files named {@code machine_usage*} or {@code container_usage*} are left out.
 */
record Alibaba2018Layout(List<Path> batchTask, List<Path> machineMeta, List<Path> batchInstance, List<Path> containerMeta) {
    private static final List<String> TABLES = List.of(BatchTask.TABLE, BatchInstance.TABLE, ContainerMeta.TABLE, MachineMeta.TABLE);

    static Alibaba2018Layout of(Path path) {
        List<Path> tasks = new ArrayList<>();
        List<Path> machines = new ArrayList<>();
        List<Path> instances = new ArrayList<>();
        List<Path> containers = new ArrayList<>();
        List<List<Path>> byTable = List.of(tasks, instances, containers, machines);
        List<Path> files = new ArrayList<>();
        boolean tableDirs = false;
        if (Files.isDirectory(path)) {
            for (int i = 0; i < TABLES.size(); i++) {
                Path sub = path.resolve(TABLES.get(i));
                if (Files.isDirectory(sub)) {
                    byTable.get(i).addAll(TraceFiles.dataFiles(sub));
                    tableDirs = true;
                }
            }
            if (!tableDirs) files.addAll(TraceFiles.dataFiles(path));
        } else {
            files.add(path);
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            int named = -1;
            for (int i = 0; i < TABLES.size() && named < 0; i++) if (n.startsWith(TABLES.get(i))) named = i;
            if (named >= 0) {
                byTable.get(named).add(f);
                continue;
            }
            // machine_usage has batch_task's 9 columns: known by name, it must not be read as tasks
            if (n.startsWith("machine_usage") || n.startsWith("container_usage")) continue;
            {
                int cols = columns(f);
                switch (cols) {
                    case BatchTask.COLUMNS -> tasks.add(f);
                    case MachineMeta.COLUMNS -> machines.add(f);
                    case BatchInstance.COLUMNS -> instances.add(f);
                    case ContainerMeta.COLUMNS -> containers.add(f);
                    case 0 -> { }
                    default -> throw TraceException.file(TraceFiles.display(f), cols
                            + " columns match no alibaba2018 table (batch_task 9, machine_meta 7, container_meta 8, batch_instance 14)");
                }
            }
        }
        return new Alibaba2018Layout(tasks, machines, instances, containers);
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
