package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Run every point of a parameter grid with every seed, in parallel on the machine's cores.",
        description = {"Grid keys: policy, workload, nodes, load (offered load: scales the arrival rate), e.g.",
                "  --grid \"policy=drf,k8s,borg;nodes=500,1000,2000;load=0.5,0.7,0.9\"",
                "Writes sweep.csv (one row per point and seed, same bytes on a re-run), sweep-stats.csv (mean and "
                + "95%% CI per point and metric), sweep-timing.csv (wall times, retries) and report.html."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--grid", required = true, description = "key=v1,v2;key=... over policy, workload, nodes, load.")
    String grid;

    @Option(names = "--policy", defaultValue = "drf", description = "Policy when the grid has none. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Mixin
    GridOptions gridOptions;

    @Mixin
    ExperimentOptions opts;

    @Mixin
    org.mesocosm.cli.OutputOption output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        opts.check(1);
        boolean json = output.json();
        Grid g = Grid.parse(grid);
        List<SweepPoint> points = resolve(g);
        long[] seeds = opts.seedList();

        Path out = gridOptions.out;
        var outcomes = opts.runPoints("[sweep]", points.stream().map(SweepPoint::run).toList(),
                new PointRunner(gridOptions.createDirectories(), false, opts.window()));

        List<SweepPoint> done = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            var mine = outcomes.subList(i * seeds.length, (i + 1) * seeds.length);
            done.add(points.get(i).withEstimates(Samples.estimates(Samples.ok(mine))));
        }
        SweepFiles.write(out, done, seeds, outcomes);
        SweepReport.write(out.resolve("report.html"), g, done, seeds, opts.maxTime);
        if (json) org.mesocosm.cli.OutputOption.print(SweepReport.json(done));
        else System.out.print(SweepReport.table(done));
        return Failures.report(out, outcomes, "sweep");
    }

    /** Every grid point with defaults filled in, checked before any run starts. */
    private List<SweepPoint> resolve(Grid g) {
        long maxMicros = opts.maxMicros();
        List<SweepPoint> out = new ArrayList<>();
        for (SweepGrid.Point p : SweepGrid.resolve(g, gridOptions.with(policy))) {
            out.add(new SweepPoint(p.policy(), p.workload(), p.nodes(), p.effectiveLoad(), p.run(maxMicros), null));
        }
        return out;
    }
}
