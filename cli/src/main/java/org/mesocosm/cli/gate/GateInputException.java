package org.mesocosm.cli.gate;

/** A results file the gate cannot use (missing, not JMH JSON, an unknown unit): exit status 2, one line. */
public final class GateInputException extends RuntimeException {
    public GateInputException(String message) {
        super(message);
    }
}
