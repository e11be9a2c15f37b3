package org.mesocosm.runtime.live;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.model.TaskState;

/**
 * {@code /metrics} in the Prometheus text format, written by the Prometheus Java client: base units (cores, bytes,
 * seconds), counters ending {@code _total}, and the JVM's own metrics. The master's numbers are read as snapshots on
 * the event loop (the only thread that may touch the master), so one scrape is one consistent state.
 */
final class Metrics {
    /** Bucket bounds of the latency histograms, in seconds: a placement takes milliseconds, a start up to a minute. */
    static final double[] LATENCY_BUCKETS_S = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    /** The JVM's metrics are the process's, whichever master asks: one registry for the process. */
    private static final PrometheusRegistry JVM = jvmRegistry();

    private final List<MetricSnapshot> out = new ArrayList<>();

    private Metrics() {}

    /** A latency histogram in seconds, fed with {@code observe(seconds)} by the event loop. */
    static Histogram latencyHistogram(String name, String help) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(LATENCY_BUCKETS_S).build();
    }

    static String render(LiveDriver d) {
        Metrics m = new Metrics();
        Master master = d.master();
        LiveState s = d.state();
        GaugeSnapshot.Builder tasks = GaugeSnapshot.builder().name("mesocosm_tasks")
                .help("Task attempts by state (attempts that ended stay counted in their final state).");
        for (TaskState st : TaskState.values()) tasks.dataPoint(gauge(s.tasks(st), "state", st.name()));
        m.out.add(tasks.build());
        int up = 0, lost = 0;
        long cpuTotal = 0, cpuUsed = 0, memTotal = 0, memUsed = 0;
        for (Agent a : master.cluster().agents()) {
            if (!a.isUp()) {
                lost++;
                continue;
            }
            up++;
            cpuTotal += a.total().cpuMillis();
            cpuUsed += a.allocated().cpuMillis();
            memTotal += a.total().memMiB();
            memUsed += a.allocated().memMiB();
        }
        m.out.add(GaugeSnapshot.builder().name("mesocosm_agents").help("Agents the master knows, by state.")
                .dataPoint(gauge(up, "state", "up")).dataPoint(gauge(lost, "state", "lost")).build());
        m.out.add(GaugeSnapshot.builder().name("mesocosm_cpu_cores")
                .help("CPU cores of the agents that are up: total, and allocated to tasks.")
                .dataPoint(gauge(cpuTotal / 1000.0, "kind", "total")).dataPoint(gauge(cpuUsed / 1000.0, "kind", "allocated")).build());
        m.out.add(GaugeSnapshot.builder().name("mesocosm_memory_bytes")
                .help("Memory of the agents that are up, in bytes: total, and allocated to tasks.")
                .dataPoint(gauge(memTotal * MIB, "kind", "total")).dataPoint(gauge(memUsed * MIB, "kind", "allocated")).build());
        m.counter("mesocosm_jobs_submitted_total", "Jobs submitted, cron runs included.", s.jobsSubmitted);
        // The policy's own numbers, whatever the policy: the page lists what it reports.
        for (PolicyMetric p : d.policy().metrics()) {
            if (p.kind() == PolicyMetric.Kind.COUNTER) m.counter(p.name(), p.help(), p.value());
            else m.out.add(GaugeSnapshot.builder().name(p.name()).help(p.help()).dataPoint(gauge(p.value())).build());
        }
        m.out.add(s.schedulingLatency.collect());
        m.out.add(s.startLatency.collect());
        m.counter("mesocosm_inputs_total", "Inputs fed to the master.", d.inputsFed());
        ReplicaRole r = d.role();
        if (r != null) { // a replicated master (issue 19)
            m.out.add(GaugeSnapshot.builder().name("mesocosm_ha_leader").help("1 if this master leads, 0 if it is a standby.")
                    .dataPoint(gauge(d.leading() ? 1 : 0, "id", r.self())).build());
            m.out.add(GaugeSnapshot.builder().name("mesocosm_ha_term").help("The consensus term this master is in.").dataPoint(gauge(r.term())).build());
            m.out.add(GaugeSnapshot.builder().name("mesocosm_ha_commit_index").help("Last replicated log index committed by a majority.")
                    .dataPoint(gauge(r.commitIndex())).build());
            m.out.add(GaugeSnapshot.builder().name("mesocosm_ha_applied_index").help("Last replicated log index applied to this master.")
                    .dataPoint(gauge(r.appliedIndex())).build());
            m.out.add(GaugeSnapshot.builder().name("mesocosm_ha_apply_lag_entries")
                    .help("Replicated log entries committed but not yet applied to this master (commit index minus applied index).")
                    .dataPoint(gauge(Math.max(0, r.commitIndex() - r.appliedIndex()))).build());
            java.util.Map<String, java.time.Instant> certs = r.peerCertificateExpiry();
            if (!certs.isEmpty()) {
                GaugeSnapshot.Builder left = GaugeSnapshot.builder().name("mesocosm_ha_peer_cert_expiry_seconds")
                        .help("Seconds until a peer certificate expires (negative: expired): this master's own (peer-cert), and the"
                                + " earliest it trusts (peer-trust). The masters refuse each other's expired certificates.");
                java.time.Instant now = java.time.Instant.now();
                certs.forEach((which, at) -> left.dataPoint(gauge(java.time.Duration.between(now, at).toSeconds(), "cert", which)));
                m.out.add(left.build());
            }
            java.util.Map<String, ReplicaRole.FollowerLag> followers = r.followers();
            if (!followers.isEmpty()) { // the leader's view of its followers
                GaugeSnapshot.Builder behind = GaugeSnapshot.builder().name("mesocosm_ha_follower_lag_entries")
                        .help("Leader only: entries of the leader's log each follower does not hold yet: the leader's last log index minus"
                                + " the follower's match index (the last index the follower confirmed written to its log; never taken below the"
                                + " commit index the follower last reported).");
                GaugeSnapshot.Builder contact = GaugeSnapshot.builder().name("mesocosm_ha_follower_last_contact_seconds")
                        .help("Leader only: time since each follower last answered the leader, in seconds.");
                followers.forEach((id, lag) -> {
                    behind.dataPoint(gauge(lag.entriesBehind(), "follower", id));
                    if (lag.millisSinceContact() >= 0) contact.dataPoint(gauge(lag.millisSinceContact() / 1000.0, "follower", id));
                });
                m.out.add(behind.build());
                m.out.add(contact.build());
            }
        }
        m.counter("mesocosm_master_errors_total", "Inputs the master failed on (a bug: see its log).", d.masterErrors());
        m.out.addAll(JVM.scrape().stream().toList());
        return m.write();
    }

    private static final double MIB = 1024.0 * 1024.0;

    /** A counter; the client adds {@code _total} to the exposed name, so the snapshot's name goes without it. */
    private void counter(String name, String help, long value) {
        String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        out.add(CounterSnapshot.builder().name(base).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build());
    }

    private static GaugeDataPointSnapshot gauge(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private String write() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
        try {
            PrometheusTextFormatWriter.create().write(bytes, new MetricSnapshots(out), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static PrometheusRegistry jvmRegistry() {
        PrometheusRegistry r = new PrometheusRegistry();
        JvmMetrics.builder().register(r);
        return r;
    }
}
