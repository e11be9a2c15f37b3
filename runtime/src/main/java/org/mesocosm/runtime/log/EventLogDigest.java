package org.mesocosm.runtime.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;

/**
 * SHA-256 over a canonical binary encoding of every input the master handled and every command
 * it emitted, with their times. Two runs agree on the digest exactly when the master saw and did
 * the same things at the same times. The encoding is fixed-width big-endian with length-prefixed
 * UTF-8 strings and sorted maps, so it is the same on every machine and JDK.
 */
public final class EventLogDigest {
    private final MessageDigest sha;
    private final byte[] buf = new byte[8192];
    private int pos;
    private long count;

    public EventLogDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    public long count() { return count; }

    public void input(long at, Input in) {
        count++;
        putLong(at);
        if (in instanceof Input.TaskStatus s) {
            putByte(1); putString(s.taskId()); putByte(s.state().ordinal()); putInt(s.exitCode());
        } else if (in instanceof Input.TimerFired t) {
            putByte(2); putLong(t.timerId());
        } else if (in instanceof Input.JobSubmitted j) {
            putByte(3); putJob(j.job());
        } else if (in instanceof Input.AgentAdded a) {
            putByte(4); putString(a.agentId()); putResources(a.total()); putMap(a.attributes());
        } else if (in instanceof Input.AgentRemoved r) {
            putByte(5); putString(r.agentId());
        } else if (in instanceof Input.JobKillRequested k) {
            putByte(6); putString(k.jobId());
        } else if (in instanceof Input.JobScaled s) {
            putByte(7); putString(s.jobId()); putString(s.taskName()); putInt(s.instances());
        } else if (in instanceof Input.AgentReregistered r) {
            putByte(8); putString(r.agentId()); putResources(r.total()); putMap(r.attributes());
            putInt(r.runningTaskIds().size());
            for (String id : r.runningTaskIds()) putString(id);
        } else {
            throw new IllegalArgumentException("no encoding for " + in);
        }
    }

    public void command(long at, Command c) {
        count++;
        putLong(at);
        if (c instanceof Command.Launch l) {
            putByte(11); putString(l.agentId()); putString(l.taskId()); putResources(l.resources());
            // added with the master's GPU devices, only when present: digests of runs without GPU tasks are unchanged
            if (!l.gpuDevices().isEmpty()) { putByte(0x47); putString(l.gpuDevices()); putInt(l.gpuMilli()); }
        } else if (c instanceof Command.Kill k) {
            putByte(12); putString(k.agentId()); putString(k.taskId());
        } else if (c instanceof Command.ScheduleTimer t) {
            putByte(13); putLong(t.atMicros()); putLong(t.timerId());
        } else {
            throw new IllegalArgumentException("no encoding for " + c);
        }
    }

    /** The hex digest of everything so far. Ends the digest: call once. */
    public String finish() {
        flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void putJob(JobSpec j) {
        putString(j.id()); putString(j.role()); putByte(j.kind().ordinal()); putInt(j.priority()); putInt(j.maxRetries());
        putInt(j.tasks().size());
        for (TaskSpec t : j.tasks()) {
            putString(t.name()); putInt(t.instances()); putResources(t.request());
            long[] d = t.sim().durationsMicros();
            putInt(d.length);
            for (long x : d) putLong(x);
            putLong(Double.doubleToLongBits(t.sim().failureProbability()));
            putInt(t.dependsOn().size());
            for (String s : t.dependsOn()) putString(s);
            putMap(t.nodeSelector());
            // Added later, and only when present, so that digests of runs without them are unchanged.
            // Constraint records print their (sorted or ordered) contents, the same in every JVM.
            if (!t.podConstraints().isEmpty() || t.usage() != null || !t.labels().isEmpty()) {
                putByte(0x50);
                putMap(t.labels());
                putString(t.podConstraints().toString());
                putResources(t.usage() == null ? t.request() : t.usage());
            }
            if (!t.gpu().none()) { // GPU device demand: only when present, for the same reason
                putByte(0x47); putInt(t.gpu().gpus()); putInt(t.gpu().milli()); putString(t.gpu().modelSpec());
            }
        }
        // only cron jobs carry a schedule, and the kind byte above says which: older digests are unchanged
        if (j.cron() != null) {
            putString(j.cron().expression().toString()); putString(j.cron().zone().getId()); putByte(j.cron().concurrency().ordinal());
        }
    }

    private void putResources(Resources r) {
        putLong(r.cpuMillis()); putLong(r.memMiB()); putLong(r.diskMiB()); putLong(r.gpus());
    }

    private void putMap(Map<String, String> m) {
        putInt(m.size());
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
            putString(e.getKey());
            putString(e.getValue());
        }
    }

    private void putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        if (b.length > buf.length - pos) flush();
        if (b.length > buf.length) {
            sha.update(b);
        } else {
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    private void putByte(int v) {
        if (pos == buf.length) flush();
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        if (buf.length - pos < 4) flush();
        buf[pos++] = (byte) (v >>> 24); buf[pos++] = (byte) (v >>> 16); buf[pos++] = (byte) (v >>> 8); buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void flush() {
        sha.update(buf, 0, pos);
        pos = 0;
    }
}
