package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.mesocosm.runtime.log.InputCodec;
import org.mesocosm.runtime.security.ClientSecurity;

/**
 * The agent's calls to the master's API. Connection problems surface as IOException; the caller retries.
 *
 * <p>With several masters (a replicated master, issue 19) the link talks to one at a time: when
 * it cannot reach that one, or that one is a standby with no leader known (503), the next call
 * goes to the next master in the list; a standby's 307 to the leader is followed at once, if the
 * leader is one of the listed masters (an agent's token goes to no other address).
 */
final class MasterLink {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final List<URI> bases;
    private volatile int current;
    private final String agentId;
    private final ClientSecurity security;

    /** The master does not have this agent up (it was declared lost, or the master restarted): register again. */
    static final class RegisterAgain extends Exception {
        RegisterAgain(String why) {
            super(why);
        }
    }

    /** What registration answers: the command sequence number to poll after, and how long polls are held. */
    record Registration(long after, long pollWaitMillis, long timeoutMillis) {}

    MasterLink(List<URI> masters, String agentId, ClientSecurity security) {
        if (masters.isEmpty()) throw new IllegalArgumentException("no master URL");
        this.security = security;
        this.http = security.configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))).build();
        this.bases = masters.stream().map(MasterLink::withSlash).toList();
        this.agentId = agentId;
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    /** How many masters are listed. */
    int masters() {
        return bases.size();
    }

    /** The master this link talks to now. */
    URI master() {
        return bases.get(current);
    }

    /** The listed master with the same scheme, host and port as {@code location}, or -1. */
    private int listed(URI location) {
        for (int i = 0; i < bases.size(); i++) {
            URI b = bases.get(i);
            if (b.getScheme().equalsIgnoreCase(String.valueOf(location.getScheme())) && b.getHost().equalsIgnoreCase(String.valueOf(location.getHost()))
                    && b.getPort() == location.getPort()) {
                return i;
            }
        }
        return -1;
    }

    private void next(int from) {
        if (bases.size() > 1 && current == from) current = (from + 1) % bases.size();
    }

    Registration register(AgentSettings s, Collection<String> running) throws IOException {
        ObjectNode b = JSON.createObjectNode().put("id", agentId);
        b.set("resources", InputCodec.resources(s.total()));
        ObjectNode attrs = b.putObject("attributes");
        s.attributes().forEach(attrs::put);
        ArrayNode r = b.putArray("running");
        running.forEach(r::add);
        try {
            JsonNode reply = post("api/v1/agents/register", b, Duration.ofSeconds(15));
            return new Registration(reply.path("after").asLong(), reply.path("poll_wait_ms").asLong(5000), reply.path("timeout_ms").asLong(15000));
        } catch (RegisterAgain e) {
            throw new IOException("master refused registration: " + e.getMessage());
        }
    }

    /** Heartbeat; the master holds it open up to {@code waitMillis} and answers with commands after {@code after}. */
    List<JsonNode> heartbeat(long after, long waitMillis) throws IOException, RegisterAgain {
        JsonNode reply = post("api/v1/agents/" + agentId + "/heartbeat?after=" + after, JSON.createObjectNode(),
                Duration.ofMillis(waitMillis + 10_000));
        List<JsonNode> out = new ArrayList<>();
        reply.path("commands").forEach(out::add);
        return out;
    }

    void status(List<ObjectNode> updates) throws IOException, RegisterAgain {
        ObjectNode b = JSON.createObjectNode();
        b.putArray("updates").addAll(updates);
        post("api/v1/agents/" + agentId + "/status", b, Duration.ofSeconds(15));
    }

    /** Answers a {@code logs} command: {@code {request, offset, size, data}} or {@code {request, error}}. */
    void logs(ObjectNode answer) throws IOException, RegisterAgain {
        post("api/v1/agents/" + agentId + "/logs", answer, Duration.ofSeconds(15));
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) throws IOException, RegisterAgain {
        HttpResponse<String> resp = null;
        for (int hop = 0; hop <= bases.size(); hop++) { // a standby's redirect to the leader is followed, a few times at most
            int at = current;
            HttpRequest req = security.authorize(HttpRequest.newBuilder(bases.get(at).resolve(path))).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } catch (IOException e) {
                next(at); // this master is down or cut off: the next call tries the next one
                throw e;
            }
            if (resp.statusCode() == 307) {
                int leader = resp.headers().firstValue("Location").map(l -> listed(URI.create(l))).orElse(-1);
                if (leader < 0) {
                    next(at);
                    throw new IOException("master " + bases.get(at) + " is a standby and sends us to a leader not in our list: " + resp.body());
                }
                current = leader;
                continue;
            }
            if (resp.statusCode() == 503 && bases.size() > 1) {
                next(at); // a standby during an election, or a leader that cannot commit: try the others
                throw new IOException("master " + bases.get(at) + " answered 503: " + resp.body());
            }
            break;
        }
        if (resp.statusCode() == 409) throw new RegisterAgain(resp.body());
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            throw new IOException("the master refused this agent's credentials (" + resp.statusCode() + "): " + resp.body()
                    + "; check --token-file and the ACL's register_agents");
        }
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("master answered " + resp.statusCode() + " to " + path + ": " + resp.body());
        }
        return JSON.readTree(resp.body());
    }
}
