package org.mesocosm.reports;

/**
 * The per-node heat map's numbers: agents grouped into at most {@link #MAX_ROWS} buckets of
 * consecutive ids, simulated time into {@link #MAX_COLUMNS} equal buckets, and in each cell the
 * mean CPU cores allocated per agent of the bucket (the placed attempts' requests, weighted by
 * how long they overlap the cell).
 *
 * @param cores [row][column] mean allocated cores per agent
 * @param rowLabels first agent id of each row bucket
 * @param agentsPerRow agents in each row bucket
 * @param columnHours start of each time bucket, simulated hours
 * @param bucketS width of a time bucket, seconds
 */
record NodeHeat(double[][] cores, String[] rowLabels, int[] agentsPerRow, double[] columnHours, double bucketS) {

    static final int MAX_ROWS = 40;
    static final int MAX_COLUMNS = 60;

    double max() {
        double m = 0;
        for (double[] row : cores) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** @param endS the end of the run: attempts still running then count until it */
    static NodeHeat of(TaskActivity a, double endS) {
        int agents = a.agents().size();
        int rows = Math.min(MAX_ROWS, agents);
        int cols = MAX_COLUMNS;
        double width = endS > 0 ? endS / cols : 1.0;
        int[] rowOf = new int[agents];
        int[] perRow = new int[rows];
        String[] labels = new String[rows];
        for (int i = 0; i < agents; i++) {
            // Even split of sorted agents into rows: row r holds agents [r*n/rows, (r+1)*n/rows).
            int r = (int) ((long) i * rows / agents);
            rowOf[i] = r;
            if (perRow[r]++ == 0) {
                labels[r] = a.agents().get(i);
            }
        }
        double[][] coreSeconds = new double[rows][cols];
        for (int t = 0; t < a.placements(); t++) {
            double from = Math.max(0, a.placedS()[t]);
            double to = Double.isNaN(a.endS()[t]) ? endS : Math.min(endS, a.endS()[t]);
            if (!(to > from)) {
                continue;
            }
            double[] row = coreSeconds[rowOf[a.agentIndex()[t]]];
            int c0 = Math.min(cols - 1, (int) (from / width));
            int c1 = Math.min(cols - 1, (int) (to / width));
            for (int c = c0; c <= c1; c++) {
                double overlap = Math.min(to, (c + 1) * width) - Math.max(from, c * width);
                if (c == cols - 1) {
                    overlap = to - Math.max(from, c * width);
                }
                if (overlap > 0) {
                    row[c] += overlap * a.cores()[t];
                }
            }
        }
        double[][] mean = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[r][c] = coreSeconds[r][c] / (width * perRow[r]);
            }
        }
        double[] hours = new double[cols];
        for (int c = 0; c < cols; c++) {
            hours[c] = c * width / 3600.0;
        }
        return new NodeHeat(mean, labels, perRow, hours, width);
    }
}
