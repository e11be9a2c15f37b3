package org.mesocosm.reports.omega;

/**
 * One row of omega.csv: what one scheduler of one run did (the scheduler that serves the batch or
 * the service jobs). Unknown values are NaN, written as empty cells, never 0.
 *
 * @param architecture mono-single, mono-multi, mesos or omega
 * @param scheduler batch or service: the class of jobs the row describes
 * @param tJobServiceS the service scheduler's t_job in seconds (the swept variable)
 * @param busyness fraction of the run the scheduler spent deciding
 * @param wastedBusyness fraction of the run spent on attempts that placed nothing (or whose transaction failed)
 * @param waitFirstMeanS mean wait of the class's jobs from arrival to their first placed task (jobs that got one)
 * @param waitFirstP90S its 90th percentile
 * @param waitFullMeanS mean wait until the job was fully placed (jobs fully placed)
 * @param conflictFraction failed / all transactions (omega only)
 * @param jobsAbandoned jobs given up after max-attempts
 * @param jobsTotal the class's jobs that arrived during the run
 * @param jobsFullyPlaced jobs fully placed by the end (not a csv column: the report's "unscheduled" is derived from it)
 */
public record SchedulerRow(String architecture, String scheduler, double tJobServiceS, long seed, double busyness,
                           double wastedBusyness, double waitFirstMeanS, double waitFirstP90S, double waitFullMeanS,
                           double conflictFraction, double jobsAbandoned, long jobsTotal, double jobsFullyPlaced) {

    /** Jobs neither fully placed nor abandoned by the end (queued, parked or held back), as a fraction of the class's jobs. */
    public double unscheduledOrAbandonedFraction() {
        if (jobsTotal <= 0 || Double.isNaN(jobsFullyPlaced)) return Double.NaN;
        return Math.max(0, jobsTotal - jobsFullyPlaced) / (double) jobsTotal;
    }
}
