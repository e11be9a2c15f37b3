package org.mesocosm.runtime.log;

import java.io.IOException;

/** The log is damaged somewhere other than its tail: recovery refuses to guess. */
public final class LogCorruptedException extends IOException {
    public LogCorruptedException(String message) {
        super(message);
    }
}
