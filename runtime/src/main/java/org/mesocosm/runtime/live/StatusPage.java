package org.mesocosm.runtime.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/** The read-only status page at {@code /}: plain HTML that reloads itself every two seconds; no scripts, no external resources. */
final class StatusPage {
    static final int JOBS_SHOWN = 100;

    private StatusPage() {}

    static String render(LiveDriver d) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
                .append("<title>Mesocosm master</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("th,td{padding:.25em .7em;border-bottom:1px solid #ddd;text-align:left}th{background:#f4f4f4}")
                .append(".RUNNING,.FINISHED,.up,.finished{color:#176317}.FAILED,.LOST,.lost,.failed{color:#a31515}")
                .append(".DISCONTINUED,.KILLED,.killed{color:#777}.PENDING,.STAGING{color:#8a5a00}small{color:#777}")
                .append("</style></head><body><h1>Mesocosm master</h1>");
        b.append("<p><small>policy ").append(esc(d.settings().policy())).append(" · master time ").append(Views.time(d.nowMicros()))
                .append(" · <a href=\"/metrics\">metrics</a> · <a href=\"/api/v1/jobs\">jobs (JSON)</a> · <a href=\"/api/v1/agents\">agents (JSON)</a></small></p>");
        ReplicaRole r = d.role();
        if (r != null) {
            b.append("<p><b>").append(d.leading() ? "This master (" + esc(r.self()) + ") leads." : "This master (" + esc(r.self()) + ") is a standby.")
                    .append("</b> <small>leader ").append(r.leaderId() == null ? "none (an election is on)" : esc(r.leaderId())
                            + (r.leaderUrl() == null ? "" : " at " + esc(r.leaderUrl())))
                    .append(" · term ").append(r.term()).append(" · commit index ").append(r.commitIndex()).append(" · applied ")
                    .append(r.appliedIndex()).append("</small></p>");
        }
        agents(b, d);
        jobs(b, d.state());
        tasks(b, d.state(), d.master());
        return b.append("</body></html>").toString();
    }

    private static void agents(StringBuilder b, LiveDriver d) {
        List<Agent> agents = d.master().cluster().agents();
        b.append("<h2>Agents (").append(agents.size()).append(")</h2><table><tr><th>id</th><th>state</th><th>attributes</th>")
                .append("<th>cpu used / total</th><th>cpu free</th><th>mem used / total</th><th>mem free</th><th>tasks</th></tr>");
        for (Agent a : agents) {
            Resources free = a.isUp() ? a.free() : Resources.ZERO;
            String state = a.isUp() ? "up" : "lost";
            b.append("<tr><td>").append(esc(a.id())).append("</td><td class=\"").append(state).append("\">").append(state)
                    .append("</td><td>").append(esc(a.attributes().toString())).append("</td><td>").append(cores(a.allocated().cpuMillis()))
                    .append(" / ").append(cores(a.total().cpuMillis())).append("</td><td>").append(cores(free.cpuMillis()))
                    .append("</td><td>").append(a.allocated().memMiB()).append(" / ").append(a.total().memMiB()).append(" MiB</td><td>")
                    .append(free.memMiB()).append(" MiB</td><td>").append(a.taskCount()).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void jobs(StringBuilder b, LiveState s) {
        List<LiveState.JobRecord> all = new ArrayList<>(s.jobs());
        List<LiveState.JobRecord> shown = all.subList(Math.max(0, all.size() - JOBS_SHOWN), all.size());
        b.append("<h2>Jobs (").append(all.size()).append(all.size() > JOBS_SHOWN ? ", newest " + JOBS_SHOWN + " shown" : "")
                .append(")</h2><table><tr><th>id</th><th>kind</th><th>role</th><th>status</th><th>tasks by state</th><th>submitted</th></tr>");
        for (int i = shown.size() - 1; i >= 0; i--) {
            LiveState.JobRecord j = shown.get(i);
            StringBuilder counts = new StringBuilder();
            for (TaskState st : TaskState.values()) {
                int n = j.byState[st.ordinal()];
                if (n > 0) counts.append("<span class=\"").append(st.name()).append("\">").append(st.name()).append(' ').append(n).append("</span> ");
            }
            b.append("<tr><td><a href=\"/api/v1/jobs/").append(esc(j.spec.id())).append("\">").append(esc(j.spec.id())).append("</a></td><td>")
                    .append(j.spec.kind().name().toLowerCase(Locale.ROOT)).append(j.spec.cron() != null ? " <small>" + esc(j.spec.cron().expression().toString()) + "</small>" : "")
                    .append("</td><td>").append(esc(j.spec.role())).append("</td><td class=\"").append(j.status()).append("\">").append(j.status())
                    .append("</td><td>").append(counts).append("</td><td>").append(Views.time(j.submittedAt)).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void tasks(StringBuilder b, LiveState s, org.mesocosm.runtime.master.Master master) {
        b.append("<h2>Recent tasks</h2><table><tr><th>id</th><th>state</th><th>agent</th><th>exit</th><th>message</th></tr>");
        for (Task t : s.recentTasks()) {
            b.append("<tr><td>").append(esc(t.id())).append("</td><td class=\"").append(t.state().name()).append("\">").append(t.state().name())
                    .append("</td><td>").append(t.agent() == null ? "" : esc(t.agent().id())).append("</td><td>")
                    .append(t.state() == TaskState.FAILED || t.state() == TaskState.FINISHED ? Integer.toString(t.exitCode()) : "")
                    .append("</td><td>").append(esc(message(t, master))).append("</td></tr>");
        }
        b.append("</table>");
    }

    /** A pending task says why it waits (as {@code kubectl describe} does); an ended one why it ended. */
    private static String message(Task t, org.mesocosm.runtime.master.Master master) {
        String why = master.whyPending(t);
        return why != null ? "waiting: " + why : t.endReason();
    }

    private static String cores(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    static String esc(String s) {
        StringBuilder o = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }
}
