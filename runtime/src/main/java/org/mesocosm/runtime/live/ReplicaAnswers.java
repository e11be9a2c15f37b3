package org.mesocosm.runtime.live;

import java.io.IOException;

/**
 * What the API of a master replicated with others (issue 19) adds to every answer: which master
 * answered, who leads and in which term ({@link HttpCall#MASTER_HEADER}); and a standby sends the
 * client to the leader instead of answering. Apart from {@link ApiServer} so that routing and the
 * replica's answers do not mix. Any request thread.
 */
final class ReplicaAnswers {
    private final LiveDriver driver;

    ReplicaAnswers(LiveDriver driver) {
        this.driver = driver;
    }

    /** {@link HttpCall#MASTER_HEADER} of a replicated master, null for a single master. */
    String header() {
        ReplicaRole r = driver.role();
        if (r == null) return null;
        String leader = r.leaderId();
        return r.self() + "; leader=" + (leader == null ? "none" : leader) + "; term=" + r.term();
    }

    /**
     * On a standby, answers anything but its status page and metrics ({@link #toLeader}) and returns
     * true: a standby neither acts nor answers from state the leader may have moved past.
     */
    boolean sentToLeader(HttpCall c) throws IOException {
        if (driver.leading() || c.path.equals("/") || c.path.equals("/index.html") || c.path.equals("/metrics")) return false;
        toLeader(c);
        return true;
    }

    /**
     * A standby's answer to anything but its status page and metrics: 307 to the same path on the
     * leader (clients resend the request there, body and all), or 503 while no leader is known.
     */
    private void toLeader(HttpCall c) throws IOException {
        HttpCall.drain(c.ex);
        ReplicaRole r = driver.role();
        String url = r == null ? null : r.leaderUrl();
        if (url == null) {
            c.error(503, "", "this master (" + (r == null ? "?" : r.self()) + ") is a standby and no leader is known yet (an election is on): try again");
            return;
        }
        String raw = c.ex.getRequestURI().getRawPath() + (c.ex.getRequestURI().getRawQuery() == null ? "" : "?" + c.ex.getRequestURI().getRawQuery());
        String target = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + raw;
        c.ex.getResponseHeaders().set("Location", target);
        c.json(307, HttpCall.JSON.createObjectNode().put("error", "this master (" + r.self() + ") is a standby; the leader is " + r.leaderId() + " at " + url)
                .put("leader", r.leaderId()).put("leader_url", url));
    }
}
