package org.mesocosm.runtime.pods;

import java.util.List;

/**
 * The result of a plugin phase, as in kube-scheduler: a code, human reasons, and the name of the
 * plugin that produced it. Success and skip are shared constants, so the filter and score loops
 * allocate nothing on the happy path; plugins keep their common rejections as constants too.
 *
 * @param code what happened
 * @param reasons why, for people (e.g. "Insufficient cpu")
 * @param plugin the plugin that returned it ("" for success)
 */
public record Status(Code code, List<String> reasons, String plugin) {

    public enum Code {
        SUCCESS,
        /** Does not fit now; removing pods (preemption) or a cluster change might help. */
        UNSCHEDULABLE,
        /** Does not fit, and preempting pods on this node would not help (e.g. a taint, a node selector). */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** Something went wrong; the pod is retried after backoff. */
        ERROR,
        /** From PreFilter/PreScore: the plugin has nothing to check for this pod; its Filter/Score is skipped. */
        SKIP
    }

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");
    public static final Status SKIP = new Status(Code.SKIP, List.of(), "");

    public Status {
        if (code == null) throw new IllegalArgumentException("status code missing");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        plugin = plugin == null ? "" : plugin;
    }

    public static Status unschedulable(String plugin, String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), plugin);
    }

    public static Status unresolvable(String plugin, String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), plugin);
    }

    public static Status error(String plugin, String reason) {
        return new Status(Code.ERROR, List.of(reason), plugin);
    }

    public boolean isSuccess() { return code == Code.SUCCESS; }

    public boolean isSkip() { return code == Code.SKIP; }

    /** Unschedulable, resolvable or not. */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    /** "Insufficient cpu, Insufficient memory" */
    public String message() {
        return String.join(", ", reasons);
    }

    @Override
    public String toString() {
        return code + (plugin.isEmpty() ? "" : "(" + plugin + ")") + (reasons.isEmpty() ? "" : ": " + message());
    }
}
