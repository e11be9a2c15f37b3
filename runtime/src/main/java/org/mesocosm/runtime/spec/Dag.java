package org.mesocosm.runtime.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.TaskSpec;

/** Checks a spec's {@code depends_on} edges: every name known, no cycles. */
final class Dag {
    private Dag() {}

    /** @param index task name to its position in {@code tasks} */
    static void check(List<TaskSpec> tasks, Map<String, Integer> index) {
        for (int i = 0; i < tasks.size(); i++) {
            for (String d : tasks.get(i).dependsOn()) {
                if (!index.containsKey(d)) throw new SpecError("tasks[" + i + "].depends_on", "unknown task '" + d + "'");
            }
        }
        int[] color = new int[tasks.size()]; // 0 unvisited, 1 on the current path, 2 done
        for (int i = 0; i < tasks.size(); i++) visit(i, tasks, index, color, new ArrayList<>());
    }

    private static void visit(int i, List<TaskSpec> tasks, Map<String, Integer> index, int[] color, List<String> path) {
        if (color[i] == 2) return;
        String name = tasks.get(i).name();
        if (color[i] == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new SpecError("tasks[" + i + "].depends_on", "dependency cycle " + String.join(" -> ", cycle));
        }
        color[i] = 1;
        path.add(name);
        for (String d : tasks.get(i).dependsOn()) visit(index.get(d), tasks, index, color, path);
        path.remove(path.size() - 1);
        color[i] = 2;
    }
}
