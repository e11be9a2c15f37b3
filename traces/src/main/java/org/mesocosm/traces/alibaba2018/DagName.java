package org.mesocosm.traces.alibaba2018;

/**
 * The DAG encoded in an Alibaba 2018 task name: {@code M5_3_4} is task 5 of its job and depends on
 * tasks 3 and 4 (the letter is the task's kind: M map, R reduce, J join, ...); {@code M1} depends
 * on nothing. Names that do not follow the pattern ({@code task_Nz...}, {@code MergeTask}) are
 * independent tasks: {@link #id} is -1.
 */
record DagName(int id, int[] deps) {
    private static final int[] NONE = {};

    static DagName parse(String name) {
        int i = 0;
        int n = name.length();
        while (i < n && Character.isLetter(name.charAt(i))) i++;
        if (i == 0 || i == n || !Character.isDigit(name.charAt(i))) return new DagName(-1, NONE);
        int[] parts = new int[8];
        int count = 0;
        while (i < n) {
            int v = 0;
            int digits = 0;
            while (i < n && Character.isDigit(name.charAt(i))) {
                if (digits++ > 8) return new DagName(-1, NONE);
                v = v * 10 + (name.charAt(i++) - '0');
            }
            if (digits == 0) return new DagName(-1, NONE);
            if (count == parts.length) parts = java.util.Arrays.copyOf(parts, count * 2);
            parts[count++] = v;
            if (i < n) {
                if (name.charAt(i) != '_') return new DagName(-1, NONE);
                i++;
                if (i == n) return new DagName(-1, NONE);
            }
        }
        return new DagName(parts[0], java.util.Arrays.copyOfRange(parts, 1, count));
    }
}
