package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What {@code compare} and {@code sweep} share: {@code --nodes} and {@code --workload}, the cluster
 * size and workload of every point of a comparison or of the points a sweep grid leaves open (both
 * resolve their points through {@link SweepGrid}, so they check these values the same way), and
 * where the results go. {@code compare} words some options its own way
 * ({@link org.mesocosm.cli.OptionWording}).
 */
final class GridOptions {
    static final String NODES_KEY = "grid.nodes";
    static final String WORKLOAD_KEY = "grid.workload";
    static final String KEEP_RUNS_KEY = "grid.keep-runs";

    @Option(names = "--nodes", defaultValue = "1000", descriptionKey = NODES_KEY,
            description = "Cluster size when the grid has none. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--workload", defaultValue = "mixed", descriptionKey = WORKLOAD_KEY,
            description = "Workload when the grid has none. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--keep-runs", descriptionKey = KEEP_RUNS_KEY, description = "Keep every run's directory under OUT/runs.")
    boolean keepRuns;

    /** These values, with {@code policy} for points whose grid names none. */
    SweepGrid.Defaults with(String policy) {
        return new SweepGrid.Defaults(policy, workload, nodes);
    }

    /** Creates the output directory, and OUT/runs when runs are kept; returns that (null when not kept). */
    Path createDirectories() throws IOException {
        Files.createDirectories(out);
        return keepRuns ? Files.createDirectories(out.resolve("runs")) : null;
    }
}
