package org.mesocosm.runtime.live;

/** A request the API refuses: an HTTP status, the field at fault (may be empty) and why. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;

    public ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field == null ? "" : field;
    }

    public ApiError(int status, String message) {
        this(status, "", message);
    }

    public int status() { return status; }

    public String field() { return field; }
}
