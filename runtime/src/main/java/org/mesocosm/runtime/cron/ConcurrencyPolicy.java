package org.mesocosm.runtime.cron;

/** What a cron job does when it is due while its previous run is still going (as Kubernetes CronJobs). */
public enum ConcurrencyPolicy {
    /** Start another run alongside. */
    ALLOW,
    /** Skip this firing. */
    FORBID,
    /** Kill the running one and start a new run. */
    REPLACE
}
