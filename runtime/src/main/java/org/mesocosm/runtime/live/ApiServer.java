package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import org.mesocosm.runtime.security.Action;
import org.mesocosm.runtime.spec.SpecError;

/**
 * The master's HTTP API on the JDK's HTTP server. Request threads parse and validate, then hand
 * the work to the driver's event loop ({@link LiveDriver#call}); they never touch master state
 * themselves. Every failure becomes a JSON error answer: a bad request can not bring the
 * master down.
 *
 * <pre>
 * GET  /                              status page (HTML, refreshes itself)
 * GET  /metrics                       Prometheus text format
 * GET  /api/v1/agents                 agents with total, used and free resources
 * POST /api/v1/agents/register        agent registers (or re-registers with its running tasks)
 * POST /api/v1/agents/ID/heartbeat    agent heartbeat; long poll answered with its commands
 * POST /api/v1/agents/ID/status       agent reports task status changes
 * GET  /api/v1/jobs                   job summaries
 * POST /api/v1/jobs                   submit a job spec (JSON or YAML) -> 201 {"id": ...}
 * GET  /api/v1/jobs/ID                one job with its tasks
 * POST /api/v1/jobs/ID/kill           kill a job
 * POST /api/v1/jobs/ID/scale          {"task": NAME, "instances": N} for a service
 * GET  /api/v1/tasks[?state=S&amp;job=ID] task attempts, newest first
 * GET  /api/v1/jobs/ID/logs?task=T&amp;stream=S&amp;offset=N&amp;limit=M  a slice of a task's stdout/stderr ({@link LogFetches})
 * POST /api/v1/agents/ID/logs         agent uploads a slice it was asked for
 * GET, PUT, DELETE /api/v1/secrets[/NAME]  named secrets, never their values ({@link SecretEndpoints})
 * </pre>
 *
 * <p>This class routes a request and turns every failure into an answer; the work is beside it:
 * {@link ApiListener} (connections, threads, per-address caps), {@link Authentication} (who asks,
 * the log-in form), {@link ReplicaAnswers} (a replicated master's header, a standby's redirect),
 * and the endpoints of jobs ({@link JobEndpoints}), agents ({@link AgentEndpoints}) and secrets.
 */
public final class ApiServer implements AutoCloseable {
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Requests in flight from one client address before it gets 429 (see {@link AddressLimiter}). */
    public static final int DEFAULT_REQUESTS_PER_ADDRESS = 64;
    private static final String V1 = "/api/v1/";

    /** Seconds a client has to send its TLS handshake and whole request; override with -Dsun.net.httpserver.maxReqTime=S. */
    public static final long REQUEST_READ_SECONDS = 10;

    static {
        // The JDK server writes a reply's headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK of the headers: 40 ms per request on Linux (the load test's
        // submit p50 went from ~55 ms to ~15 ms). Read once, when the JDK server's config class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        // Issue 18, connection exhaustion: a connection must deliver its TLS handshake and whole request (headers and body)
        // within this many seconds, or it is closed and its thread freed; a connection that sends nothing is closed as soon.
        // Without it, 1,000 stalled connections held the 512 request threads for good, and a request sent a byte a second
        // was read for ever. (A held long-poll answer is not affected: only reading the request is timed.)
        defaultProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_READ_SECONDS));
        defaultProperty("sun.net.httpserver.clockTick", "1000"); // check the idle and newly accepted connections every second
        defaultProperty("sun.net.httpserver.maxReqHeaders", "100");
        defaultProperty("sun.net.httpserver.maxReqHeaderSize", "65536");
        // an idle keep-alive connection is closed after this many seconds; ClientLimits counts a connection kept alive as long
        defaultProperty("sun.net.httpserver.idleInterval", "30");
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) System.setProperty(name, value);
    }

    private final LiveDriver driver;
    /** The bound server, its request threads and the per-address caps on them. */
    private final ApiListener listener;
    private final AgentEndpoints agents;
    /** Writes the answers of parked long polls: small answers, one thread, so a held poll costs no request thread. */
    private final ExecutorService pollAnswers;
    private final SecretAccess secretAccess;
    private final SecretEndpoints secrets;
    private final LogFetches logs;
    /** The header of a replicated master's answers and a standby's redirect to the leader. */
    private final ReplicaAnswers replica;
    private final JobEndpoints jobs;
    private final int maxBodyBytes;
    private final AccessControl access;
    private final boolean tls;
    /** Who asks, the browser log-in and the bad-credential throttle. */
    private final Authentication auth;
    private volatile JobAdmission admission = JobAdmission.DEFAULT;

    /** Plain HTTP, no authentication: for in-process tests that do not test security. */
    public ApiServer(LiveDriver driver, InetSocketAddress address, int maxBodyBytes) throws IOException {
        this(driver, address, maxBodyBytes, null, AccessControl.open());
    }

    /**
     * @param tls the server's TLS context (HTTPS only); null for plain HTTP
     * @param access who may do what (see {@link AccessControl})
     */
    public ApiServer(LiveDriver driver, InetSocketAddress address, int maxBodyBytes, SSLContext tls, AccessControl access) throws IOException {
        this.driver = driver;
        this.access = access;
        this.pollAnswers = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mesocosm-poll-answers");
            t.setDaemon(true);
            return t;
        });
        this.agents = new AgentEndpoints(driver, access, pollAnswers);
        this.secretAccess = (call, action, name) -> {
            switch (action) {
                case LIST -> access.require(call, Action.VIEW_CLUSTER, null);
                case PUT, DELETE -> access.require(call, Action.MANAGE_SECRETS, name);
                case USE -> access.require(call, Action.USE_SECRETS, name);
            }
        };
        this.secrets = new SecretEndpoints(driver, secretAccess);
        this.logs = new LogFetches(driver, access);
        this.replica = new ReplicaAnswers(driver);
        this.jobs = new JobEndpoints(driver, access, secretAccess, logs, () -> admission);
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls != null;
        this.auth = new Authentication(access, tls != null);
        this.listener = new ApiListener(address, tls, access.clientCertificates(), DEFAULT_REQUESTS_PER_ADDRESS, this::handle);
    }

    public ApiServer start() {
        listener.start();
        return this;
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() { return listener.address().getPort(); }

    /** The address and port actually bound. */
    public InetSocketAddress address() { return listener.address(); }

    /** Per-job limits and per-role quotas checked before a job is logged (default: {@link JobAdmission#DEFAULT}, no quotas). */
    public ApiServer withAdmission(JobAdmission a) {
        this.admission = a;
        return this;
    }

    /** Most request threads at once (default 512); tests make it small to show what holds one. */
    public ApiServer withRequestThreads(int max) {
        listener.setRequestThreads(max);
        return this;
    }

    /**
     * Most requests in flight from one client address (default {@link #DEFAULT_REQUESTS_PER_ADDRESS}), 429 beyond; and as
     * many new TLS connections in their handshake from one address, closed beyond.
     */
    public ApiServer withRequestsPerAddress(int max) {
        listener.setRequestsPerAddress(max);
        return this;
    }

    /** Replaces the bad-credential throttle (tests use a small one). */
    public ApiServer withLoginThrottle(int maxFailures, long windowMillis) {
        auth.setThrottle(new LoginThrottle(maxFailures, windowMillis * 1_000_000L, System::nanoTime, access.audit()));
        return this;
    }

    /** Answers one exchange; package-private so the API fuzz test can drive it without a socket. */
    void handle(HttpExchange ex) {
        if (!listener.admit(ex)) return; // answered 429
        InetSocketAddress from0 = ex.getRemoteAddress();
        HttpCall c = null;
        try {
            c = new HttpCall(ex, maxBodyBytes);
            c.masterHeader = replica::header;
            String from = AccessControl.address(ex);
            auth.throttle(from);
            if (replica.sentToLeader(c)) return;
            if (c.path.equals("/login") || c.path.equals("/logout")) {
                auth.logInOut(c, from);
                return;
            }
            c.principal = auth.principal(c);
            if (CrossSiteGuard.mutation(c.method)) {
                CrossSiteGuard.sameOrigin(c, tls);
                // DELETE carries no body, and no form can send one (a browser preflights it): only its origin is checked
                if (!c.method.equals("DELETE")) CrossSiteGuard.bodyType(c, c.path.startsWith(V1 + "secrets/"));
            }
            route(c);
            if (!c.answered() && !c.deferred()) c.error(404, "", "no such endpoint: " + c.method + " " + c.path);
        } catch (ApiError e) {
            reply(c, ex, e.status(), e.field(), e.getMessage());
        } catch (SpecError e) {
            reply(c, ex, 400, e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            reply(c, ex, 400, "", e.getMessage());
        } catch (IOException e) {
            ex.close(); // the client went away
        } catch (RuntimeException e) {
            System.err.println("mesocosm master: internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
            e.printStackTrace();
            reply(c, ex, 500, "", "internal error: " + e);
        } finally {
            if (c != null && c.deferred()) {
                c.releaseWhenFinished(() -> listener.release(from0)); // a parked long poll: its answer closes the exchange
            } else {
                ex.close();
                listener.release(from0);
            }
        }
    }

    private static void reply(HttpCall c, HttpExchange ex, int status, String field, String message) {
        try {
            // a request refused before its body was read: read it first, or over TLS the next request on the connection stalls
            HttpCall.drain(ex);
            if (c == null) c = new HttpCall(ex, 0);
            c.error(status, field, message == null ? "" : message);
        } catch (IOException | RuntimeException ignored) {
            // nothing more can be said to this client
        }
    }

    private void route(HttpCall c) throws IOException {
        String p = c.path;
        if (c.answered()) return; // a browser sent to the log-in form
        if (p.equals("/") || p.equals("/index.html")) {
            c.requireGet();
            access.require(c, Action.VIEW_CLUSTER, "");
            c.text(200, "text/html", driver.call(() -> StatusPage.render(driver)));
        } else if (p.equals("/metrics")) {
            c.requireGet();
            access.require(c, Action.VIEW_CLUSTER, "");
            c.text(200, "text/plain; version=0.0.4", driver.call(() -> Metrics.render(driver)));
        } else if (p.startsWith(V1)) {
            api(c, p.substring(V1.length()).split("/", -1));
        }
    }

    private void api(HttpCall c, String[] s) throws IOException {
        switch (s[0]) {
            case "agents" -> {
                if (s.length == 1) {
                    c.requireGet();
                    access.require(c, Action.VIEW_CLUSTER, "");
                    c.json(200, driver.call(agents::list));
                } else if (s.length == 2 && s[1].equals("register")) {
                    c.requirePost();
                    agents.register(c);
                } else if (s.length == 3 && s[2].equals("heartbeat")) {
                    c.requirePost();
                    access.require(c, Action.REGISTER_AGENTS, s[1]);
                    agents.heartbeat(c, s[1]);
                } else if (s.length == 3 && s[2].equals("status")) {
                    c.requirePost();
                    access.require(c, Action.REGISTER_AGENTS, s[1]);
                    agents.status(c, s[1]);
                } else if (s.length == 3 && s[2].equals("logs")) {
                    c.requirePost();
                    logs.answer(c, s[1]);
                }
            }
            case "jobs" -> jobs.jobs(c, s);
            case "tasks" -> jobs.tasks(c, s);
            case "secrets" -> secrets.handle(c, s);
            default -> { }
        }
    }

    @Override
    public void close() {
        listener.stop();
        pollAnswers.shutdownNow();
    }
}
