package org.mesocosm.runtime.live;

import java.util.Locale;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.model.TaskState;

/** {@code /metrics} in the Prometheus text exposition format (version 0.0.4). Rendered on the event loop. */
final class Metrics {
    private final StringBuilder b = new StringBuilder(4096);

    private Metrics() {}

    static String render(LiveDriver d) {
        Metrics m = new Metrics();
        Master master = d.master();
        LiveState s = d.state();
        m.help("mesocosm_tasks", "gauge", "Task attempts by state (attempts that ended stay counted in their final state).");
        for (TaskState st : TaskState.values()) m.line("mesocosm_tasks{state=\"" + st.name() + "\"}", s.tasks(st));
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
        m.help("mesocosm_agents", "gauge", "Agents the master knows, by state.");
        m.line("mesocosm_agents{state=\"up\"}", up);
        m.line("mesocosm_agents{state=\"lost\"}", lost);
        m.help("mesocosm_cpu_millicores", "gauge", "CPU of the agents that are up: total, and allocated to tasks.");
        m.line("mesocosm_cpu_millicores{kind=\"total\"}", cpuTotal);
        m.line("mesocosm_cpu_millicores{kind=\"used\"}", cpuUsed);
        m.help("mesocosm_mem_mebibytes", "gauge", "Memory of the agents that are up: total, and allocated to tasks.");
        m.line("mesocosm_mem_mebibytes{kind=\"total\"}", memTotal);
        m.line("mesocosm_mem_mebibytes{kind=\"used\"}", memUsed);
        m.help("mesocosm_jobs_submitted_total", "counter", "Jobs submitted, cron runs included.");
        m.line("mesocosm_jobs_submitted_total", s.jobsSubmitted);
        for (PolicyMetric p : d.policy().metrics()) {
            m.help(p.name(), p.kind() == PolicyMetric.Kind.COUNTER ? "counter" : "gauge", p.help());
            m.line(p.name(), p.value());
        }
        m.histogram("mesocosm_scheduling_latency_seconds", "Task ready (pending) to placed on an agent.", s.schedulingLatency);
        m.histogram("mesocosm_start_latency_seconds", "Task placed to reported RUNNING by its agent.", s.startLatency);
        m.help("mesocosm_inputs_total", "counter", "Inputs fed to the master.");
        m.line("mesocosm_inputs_total", d.inputsFed());
        m.help("mesocosm_master_errors_total", "counter", "Inputs the master failed on (a bug: see its log).");
        m.line("mesocosm_master_errors_total", d.masterErrors());
        return m.b.toString();
    }

    private void help(String name, String type, String text) {
        b.append("# HELP ").append(name).append(' ').append(text).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void line(String series, long value) {
        b.append(series).append(' ').append(value).append('\n');
    }

    private void histogram(String name, String text, Histogram h) {
        help(name, "histogram", text);
        for (int i = 0; i < Histogram.BUCKETS_S.length; i++) {
            line(name + "_bucket{le=\"" + trim(Histogram.BUCKETS_S[i]) + "\"}", h.cumulative(i));
        }
        line(name + "_bucket{le=\"+Inf\"}", h.count());
        b.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.6f", h.sumSeconds())).append('\n');
        line(name + "_count", h.count());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
