package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.runtime.model.Resources;

/** The plan's answer and evidence: as text on stdout, plan.csv, and plan.html. */
final class PlanOutput {
    private PlanOutput() {}

    static String brief(List<Slo> slos, Map<Metric, Estimate> est) {
        List<String> parts = new ArrayList<>();
        for (Slo s : slos) {
            Estimate e = est.get(s.metric());
            parts.add(s.metric().key() + " " + EstimateText.of(e, s.metric()) + (s.met(e) ? " (met)" : " (not met)"));
        }
        return String.join(", ", parts);
    }

    static String text(String setup, List<Slo> slos, List<PlanCommand.PlanResult> results, int seeds) {
        StringBuilder sb = new StringBuilder();
        sb.append(setup).append("; SLOs: ").append(String.join(", ", slos.stream().map(Slo::toString).toList())).append('\n');
        for (PlanCommand.PlanResult r : results) {
            sb.append('\n').append("node shape ").append(shape(r.shape())).append(":\n");
            List<String> header = new ArrayList<>(List.of("nodes"));
            for (Slo s : slos) header.add(s.metric().key() + " mean [95% CI]");
            header.add("verdict");
            List<List<String>> rows = new ArrayList<>();
            for (CapacitySearch.Step st : r.answer().evidence()) {
                List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", st.nodes())));
                for (Slo s : slos) {
                    Estimate e = st.estimates().get(s.metric());
                    row.add(EstimateText.number(e.mean(), s.metric()) + " " + EstimateText.interval(e, s.metric()));
                }
                row.add(st.meetsAll() ? "meets all" : "fails " + String.join(", ", st.failed().stream().map(f -> f.metric().key()).toList()));
                rows.add(row);
            }
            sb.append(EstimateText.table(header, rows));
            sb.append(answer(r, slos, seeds)).append('\n');
        }
        PlanCommand.PlanResult best = cheapest(results);
        if (results.size() > 1 && best != null) {
            sb.append("\ncheapest in total cores: ").append(String.format(Locale.ROOT, "%,d", best.answer().nodes())).append(" nodes of ")
                    .append(shape(best.shape())).append('\n');
        }
        return sb.toString();
    }

    /** The answer and the evidence per node shape; a shape without an answer has "nodes": null and the reason. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(String setup, List<Slo> slos, List<PlanCommand.PlanResult> results, int seeds) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.put("setup", setup).put("seeds", seeds);
        var s = root.putArray("slos");
        for (Slo slo : slos) s.add(slo.toString());
        var shapes = root.putArray("shapes");
        for (PlanCommand.PlanResult r : results) {
            var o = shapes.addObject().put("cores", r.shape().cpuMillis() / 1000.0).put("mem_gib", r.shape().memMiB() / 1024.0);
            if (r.answer().nodes() < 0) o.putNull("nodes").put("reason", r.answer().reason());
            else o.put("nodes", r.answer().nodes());
            var ev = o.putArray("evidence");
            for (CapacitySearch.Step st : r.answer().evidence()) {
                var e = ev.addObject().put("nodes", st.nodes()).put("meets_all", st.meetsAll());
                var failed = e.putArray("failed");
                st.failed().forEach(f -> failed.add(f.toString()));
                e.set("metrics", EstimateJson.all(st.estimates()));
            }
        }
        return root;
    }

    static String answer(PlanCommand.PlanResult r, List<Slo> slos, int seeds) {
        CapacitySearch.Answer a = r.answer();
        if (a.nodes() < 0) return "no answer: " + a.reason() + ".";
        return String.format(Locale.ROOT, "you need %,d nodes of %s for %s with 95%% confidence (%d seeds per size, %d sizes simulated).",
                a.nodes(), shape(r.shape()), String.join(" and ", slos.stream().map(Slo::toString).toList()), seeds, a.evidence().size());
    }

    static PlanCommand.PlanResult cheapest(List<PlanCommand.PlanResult> results) {
        PlanCommand.PlanResult best = null;
        for (PlanCommand.PlanResult r : results) {
            if (r.answer().nodes() < 0) continue;
            if (best == null || cores(r) < cores(best)) best = r;
        }
        return best;
    }

    private static double cores(PlanCommand.PlanResult r) {
        return r.answer().nodes() * (double) r.shape().cpuMillis();
    }

    static String shape(Resources r) {
        return Csv.number(r.cpuMillis() / 1000.0) + " cores, " + Csv.number(r.memMiB() / 1024.0) + " GiB";
    }

    static void writeCsv(Path file, List<Slo> slos, List<PlanCommand.PlanResult> results) throws IOException {
        Csv csv = new Csv("node_shape", "nodes", "metric", "mean", "ci95_low", "ci95_high", "n", "slo", "met", "answer");
        for (PlanCommand.PlanResult r : results) {
            for (CapacitySearch.Step st : r.answer().evidence()) {
                for (Slo s : slos) {
                    Estimate e = st.estimates().get(s.metric());
                    csv.row(NodeShapes.format(r.shape()), st.nodes(), s.metric().key(), e.mean(), e.ciLow(), e.ciHigh(), e.n(),
                            (s.below() ? "<" : ">") + Csv.number(s.threshold()), s.met(e), st.nodes() == r.answer().nodes());
                }
            }
        }
        csv.write(file);
    }

    static void writeHtml(Path file, String setup, List<Slo> slos, List<PlanCommand.PlanResult> results, int seeds) throws IOException {
        ExperimentPage page = new ExperimentPage("Mesocosm capacity plan");
        page.paragraph(setup + ". Each point is one simulated cluster size: the mean over seeds with its 95% band; the dashed line is "
                + "the SLO threshold. An SLO counts as met only when the whole band is on the right side of it.");
        for (PlanCommand.PlanResult r : results) page.paragraph("Node shape " + shape(r.shape()) + ": " + answer(r, slos, seeds));
        for (Slo s : slos) {
            List<Curve> curves = new ArrayList<>();
            for (PlanCommand.PlanResult r : results) {
                List<CapacitySearch.Step> steps = r.answer().evidence();
                int n = steps.size();
                double[] x = new double[n];
                double[] y = new double[n];
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    Estimate e = steps.get(i).estimates().get(s.metric());
                    x[i] = steps.get(i).nodes();
                    y[i] = e.mean();
                    lo[i] = e.ciLow();
                    hi[i] = e.ciHigh();
                }
                curves.add(CurveMath.clipped(new Curve(NodeShapes.format(r.shape()) + " nodes", x, y, lo, hi), s.metric()));
            }
            String unit = s.metric().unit().isEmpty() ? "" : " (" + s.metric().unit() + ")";
            boolean log = OverlayCharts.spansDecades(curves) && s.threshold() > 0;
            page.figure(OverlayCharts.chart(s.metric().label() + " against cluster size", "Nodes", s.metric().key() + unit
                    + (log ? ", log scale" : ""), curves, OverlayCharts.Style.POINTS, false, log,
                    List.of(new OverlayCharts.Reference("SLO " + s.thresholdText(), s.threshold()))),
                    s + ": every size the search simulated.");
        }
        page.write(file);
    }
}
