package org.mesocosm.traces.google2019;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;

/**
 * The 2019 {@code machine_attributes} table (time, machine_id, name, value, deleted), read in step
 * with machine_events so constraints on trace attributes ({@link Google2019Constraints}) can match:
 * a machine comes up with the attributes set for it by its ADD event's time. Later changes to a
 * machine already up are counted, not replayed (a replayed machine's attributes are fixed).
 * Memory follows the cluster: the current attributes of every machine.
 */
final class MachineAttributes implements AutoCloseable {
    private final PartReader rows;
    private final JsonRow row = new JsonRow();
    private final ReadStats stats;
    private final Map<Long, TreeMap<String, String>> current = new HashMap<>();
    private final Set<Long> up = new HashSet<>();
    private boolean pending;
    private boolean done;
    private long time;

    MachineAttributes(List<Path> files, ReadStats stats) {
        this.rows = new PartReader(files);
        this.stats = stats;
        this.done = files.isEmpty();
    }

    /** Applies every attribute row stamped at or before {@code t}. */
    void advance(long t) {
        while (true) {
            if (!pending && !(pending = read())) return;
            if (time > t) return;
            pending = false;
            try {
                long id = row.longValue("machine_id");
                if (up.contains(id)) {
                    stats.note("machine attribute changes after the machine came up (not replayed)");
                    continue;
                }
                String name = row.string("name");
                boolean deleted = "true".equalsIgnoreCase(row.string("deleted"));
                TreeMap<String, String> m = current.computeIfAbsent(id, k -> new TreeMap<>());
                if (deleted) m.remove(name);
                else m.put(name, row.string("value") == null ? "" : row.string("value"));
            } catch (RowException e) {
                throw new IllegalStateException("validated row failed to parse", e);
            }
        }
    }

    /** The attributes of machine {@code id}, which is coming up now, added to {@code base}. */
    Map<String, String> up(long id, Map<String, String> base) {
        up.add(id);
        TreeMap<String, String> m = current.get(id);
        if (m == null || m.isEmpty()) return base;
        TreeMap<String, String> all = new TreeMap<>(m);
        all.putAll(base);
        return all;
    }

    /** A machine went down: a later ADD of it takes the attributes then current. */
    void down(long id) {
        up.remove(id);
    }

    private boolean read() {
        if (done) return false;
        while (rows.next()) {
            var l = rows.line();
            if (l.isEmptyLine()) continue;
            stats.row(Google2019Layout.ATTRIBUTES);
            try {
                row.parse(l.buf(), l.start(), l.end());
                long t = row.longValue("time");
                if (t < 0) throw new RowException("time", "negative", Long.toString(t));
                if (t < time) throw new RowException("time", "goes back in time", t + " after " + time);
                row.longValue("machine_id");
                String name = row.string("name");
                if (name == null || name.isEmpty()) throw new RowException("name", "missing", "");
                time = t;
                return true;
            } catch (RowException e) {
                stats.malformed(Google2019Layout.ATTRIBUTES, rows.file(), rows.lineNumber(), e);
            }
        }
        done = true;
        return false;
    }

    @Override
    public void close() {
        rows.close();
    }
}
