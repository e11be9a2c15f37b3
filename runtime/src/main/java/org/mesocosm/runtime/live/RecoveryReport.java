package org.mesocosm.runtime.live;

import java.nio.file.Path;
import java.util.Locale;
import org.mesocosm.runtime.log.LogRecords;

/**
 * What a master found in its state directory when it started.
 *
 * @param records inputs replayed, snapshot included
 * @param fromSnapshot of those, how many came from the snapshot
 * @param truncatedTail the torn or damaged end of the log that was cut off, or null
 * @param importedLegacy inputs imported from a JSON-lines log of an older version (0 if none)
 * @param millis time to read the log and replay it
 */
public record RecoveryReport(Path logDir, long records, long fromSnapshot, LogRecords.Damage truncatedTail, int importedLegacy, long millis,
                             long refused) {
    /** One line for the operator. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (records == 0) {
            b.append("new state in ").append(logDir);
        } else {
            b.append(String.format(Locale.ROOT, "recovered %d inputs from %s (%d from the snapshot, %d from the log) in %d ms",
                    records, logDir, fromSnapshot, records - fromSnapshot, millis));
        }
        if (refused > 0) {
            b.append("; ").append(refused).append(" logged inputs refused again, as they failed when first applied (see the lines above)");
        }
        if (importedLegacy > 0) b.append("; imported ").append(importedLegacy).append(" inputs from the old inputs.jsonl");
        if (truncatedTail != null && truncatedTail.corruption()) {
            b.append("; CORRUPTION: the last record (").append(truncatedTail.recordIndex()).append(", at byte ").append(truncatedTail.byteOffset())
                    .append(" of the last segment) is complete but fails its checksum: an input the master had acknowledged is LOST; it was cut off")
                    .append(" (check the disk; clients may hold answers the master no longer knows of)");
        } else if (truncatedTail != null) {
            b.append("; torn tail truncated at byte ").append(truncatedTail.byteOffset()).append(" of the last segment (record ")
                    .append(truncatedTail.recordIndex()).append(": ").append(truncatedTail.reason()).append(")");
        }
        return b.toString();
    }
}
