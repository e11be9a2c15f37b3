package org.mesocosm.traces.bin;

/**
 * Mesocosm's compact trace form ({@code mesocosm trace convert}; read back as format
 * {@code mesocosm} or {@code bin}). It stores the replay stream itself, already assembled (jobs
 * with their run times, machines up and down), so reading it is decoding, not re-parsing and
 * re-joining text. Full layout in {@code traces/README.md}; in short:
 * <pre>
 *   magic "MSCMTRC" + version byte (3)
 *   string: source name (e.g. "google2011:/data/trace")
 *   records, each: tag byte, time delta (varint, microseconds since the previous record), body
 *     1 JOB      id(str) role(ref) kind(byte) priority(zz) maxRetries(v) groups(v)
 *                per group: name(ref) instances(v) cpu(v) mem(v) disk(v) gpus(v) failureProb(double)
 *                           durations: count(v: 1 or instances) then each (zz, -1 = forever)
 *                           dependsOn: count(v) then refs
 *                per instance: trace delay (zz) and outcome (byte)
 *                traits: count(v: 0 = none, else one per group) then per group:
 *                           constraints: count(v) then refs; usage: byte 0, or 1 then cpu(v) mem(v) disk(v) gpus(v)
 *     2 UP       machine(ref) cpu(v) mem(v) disk(v) gpus(v) attributes: count(v) then (ref, ref)
 *     3 DOWN     machine(ref) reason(ref)
 *     0 END      records(v) span(v) rows(v) skipped(v) skippedByReason, notes: count(v) then (str, v)
 *   CRC-32 of every byte before it (4 bytes, big-endian)
 * </pre>
 * v = unsigned LEB128 varint; zz = zigzag varint; str = varint length + UTF-8; ref = an interned
 * string: varint 0 then a str (added to the table), or n &gt; 0 for the table's entry n-1. The
 * table stops growing at {@link #MAX_REFS} entries, on both sides, so memory stays bounded.
 * A missing END or a CRC mismatch is an error: a truncated file is never a shorter trace.
 */
public final class BinaryFormat {
    static final byte[] MAGIC = {'M', 'S', 'C', 'M', 'T', 'R', 'C'};
    /**
     * 3: same layout as 2, but conversion now fills the traits from Google 2011 task_usage, Google
     * 2019 constraint lists and Alibaba batch_instance / container_meta. A version-2 file converted
     * from such a trace silently lacks them, so it is refused with a request to re-convert.
     *
     * <p>4: each task group ends with its labels (count, then key and value refs, keys sorted):
     * SWF jobs carry their rigid-job label and run time estimate there (the {@code easy} policy
     * reserves by the estimate). A version-3 file of an SWF log lacks them, so it is refused too.
     */
    static final int VERSION = 4;
    static final int END = 0;
    static final int JOB = 1;
    static final int UP = 2;
    static final int DOWN = 3;
    static final int MAX_REFS = 1 << 20;

    private BinaryFormat() {}

    /** True when {@code file} is a regular file that starts with this form's magic (plain or gzipped). */
    public static boolean isConverted(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) return false;
        try (java.io.InputStream in = org.mesocosm.traces.io.TraceFiles.open(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
