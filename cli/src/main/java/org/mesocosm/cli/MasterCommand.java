package org.mesocosm.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mesocosm.cli.security.MasterSecurity;
import org.mesocosm.cli.security.PeerSecurity;
import org.mesocosm.ha.HaNode;
import org.mesocosm.ha.PeerTls;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.Durability;
import org.mesocosm.runtime.live.JobAdmission;
import org.mesocosm.runtime.security.RoleQuotas;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;
import org.mesocosm.runtime.secrets.SecretStoreException;
import org.mesocosm.runtime.secrets.SecretStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
        header = "Run a live master: the scheduler core behind a JSON HTTP API.",
        description = {"It serves a status page at / and Prometheus metrics at /metrics.",
                "Agents ('mesocosm agent') register with it; jobs are submitted with 'mesocosm submit'."})
final class MasterCommand implements Callable<Integer> {
    /** The allocator batches changes this long; Mesos' 1 s default is slow for interactive use. */
    static final String DEFAULT_POLICY = "drf:interval=100ms";
    /** Exit status when the input log cannot be written (EX_TEMPFAIL: try again, e.g. once the disk has room). */
    static final int LOG_FAILURE_EXIT = 75;

    @Option(names = "--port", defaultValue = "5050", description = "Port to listen on. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = {"--listen", "--host"}, defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = {"Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).",
                    "Agents on other machines need e.g. --listen 0.0.0.0 (every interface) or this host's address."})
    String host;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = {"Keep the durable input log and the encrypted secrets here; a master restarted on the same directory recovers its jobs.",
                    "Every input is forced to disk before it is acknowledged."})
    Path stateDir;

    @Option(names = "--secret-key-file", paramLabel = "FILE",
            description = {"AES-256 key (base64 on one line, owner-only file) that encrypts the secrets.",
                    "Default: secret.key in the state dir, made on first start; without a state dir, a key in memory.",
                    "With --ha: required, the same file on every master (secrets are replicated sealed with it)."})
    Path secretKeyFile;

    @Option(names = "--commit", defaultValue = "group", paramLabel = "group|record",
            description = "group: one fsync for all inputs that arrived together; record: an fsync for each. Default: ${DEFAULT-VALUE}.")
    String commit;

    @Option(names = "--snapshot-every", defaultValue = "10000", paramLabel = "N",
            description = "Compact the log into its snapshot every N inputs (0: never). Default: ${DEFAULT-VALUE}.")
    long snapshotEvery;

    @Option(names = "--agent-timeout", defaultValue = "15s", description = "An agent not heard from for this long is lost. Default: ${DEFAULT-VALUE}.")
    String agentTimeout;

    @Option(names = "--policy", defaultValue = DEFAULT_POLICY, description = "Policy NAME[:key=value,...]. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Mixin
    MasterSecurity security;

    @Mixin
    PeerSecurity peerSecurity;

    @Option(names = "--max-body", defaultValue = "1048576", description = "Largest request body in bytes. Default: ${DEFAULT-VALUE}.")
    int maxBody;

    @Option(names = "--max-requests-per-address", paramLabel = "N", defaultValue = "64",
            description = "Most requests in flight from one client IP address (a parked heartbeat counts until answered); 429 beyond. "
                    + "As many TLS connections in their handshake, and as many connections kept alive, per address. Default: ${DEFAULT-VALUE}.")
    int maxRequestsPerAddress;

    @Option(names = "--quotas", paramLabel = "FILE",
            description = {"Per-role caps on active tasks, cores and memory (JSON or YAML; see examples/security/quotas.yaml).",
                    "A job that alone exceeds its role's quota is refused with 403; one that fits only once others end, with 429."})
    Path quotas;

    @Option(names = "--max-job-instances", defaultValue = "10000", paramLabel = "N",
            description = "Most task instances one job may have over all its task groups (at most 100000). Default: ${DEFAULT-VALUE}.")
    long maxJobInstances;

    @Option(names = "--max-job-cpus", defaultValue = "10000", paramLabel = "CORES",
            description = "Most cores one job may ask for in all (instances x cpus). Default: ${DEFAULT-VALUE}.")
    long maxJobCpus;

    @Option(names = "--max-job-mem", defaultValue = "41943040", paramLabel = "MIB",
            description = "Most memory one job may ask for in all (instances x mem), MiB. Default: ${DEFAULT-VALUE} (40 TiB).")
    long maxJobMem;

    @Option(names = "--ha", description = {"Run as one of several masters that replicate the input log (Raft, via Apache Ratis): the leader",
            "acts, the others apply the same inputs as hot standbys and send clients to the leader. Needs --peers, --id and --state-dir."})
    boolean ha;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...",
            description = {"With --ha: every master of the group (at least 3) and the port where it replicates the log, e.g.",
                    "m1=host1:6001,m2=host2:6001,m3=host3:6001"})
    String peers;

    @Option(names = "--id", paramLabel = "ID", description = "With --ha: which of --peers this master is.")
    String id;

    @Option(names = "--peer-listen", paramLabel = "HOST:PORT",
            description = {"With --ha: where this master binds its peer port, when the others reach it at another address than its",
                    "--peers entry (NAT, a container, a proxy in front), e.g. 0.0.0.0:6001. Default: its own --peers address."})
    String peerListen;

    @Option(names = "--ha-snapshot-every", defaultValue = "10000", paramLabel = "N",
            description = {"With --ha: compact the replicated log with a snapshot every N of its entries (an entry is a batch of inputs);",
                    "0 = never. A master whose log is behind the leader's compacted log is sent its snapshot. Default: ${DEFAULT-VALUE}."})
    long haSnapshotEvery;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new Mesocosm.UserError("--port must be 0-65535, got " + port);
        long timeoutMs = Durations.parseMicros(agentTimeout) / 1000;
        if (timeoutMs < 200) throw new Mesocosm.UserError("--agent-timeout must be at least 200ms, got " + agentTimeout);
        if (!commit.equals("group") && !commit.equals("record")) throw new Mesocosm.UserError("--commit must be group or record, got " + commit);
        if (snapshotEvery < 0) throw new Mesocosm.UserError("--snapshot-every must be 0 or more, got " + snapshotEvery);
        if (maxRequestsPerAddress < 1) throw new Mesocosm.UserError("--max-requests-per-address must be at least 1, got " + maxRequestsPerAddress);
        Durability durability = Durability.DEFAULT.withSnapshotEvery(snapshotEvery);
        if (commit.equals("record")) durability = durability.perRecord();
        PlacementPolicy p = PolicyRegistry.load().create(policy);
        JobAdmission admission;
        try {
            admission = new JobAdmission(maxJobInstances, maxJobCpus * 1000, maxJobMem, quotas == null ? RoleQuotas.none() : RoleQuotas.load(quotas));
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        if (ha) HaSetup.check(peers, id, peerListen, stateDir, secretKeyFile, haSnapshotEvery);
        else if (peers != null || id != null || peerListen != null) throw new Mesocosm.UserError("--peers, --id and --peer-listen go with --ha");
        MasterSecurity.Setup secured = security.build(stateDir, host, System.err);
        PeerTls peerTls = peerSecurity.build(ha, security, System.err);
        LiveDriver.Settings settings = LiveDriver.Settings.defaults(policy).withAgentTimeout(timeoutMs, Math.min(5000, timeoutMs / 3))
                .withStateDir(stateDir);
        EncryptedSecretStore secrets;
        try {
            secrets = ha ? SecretStores.replicated(secretKeyFile) : SecretStores.open(stateDir, secretKeyFile);
        } catch (SecretStoreException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        HaNode node = ha ? HaSetup.node(peers, id, peerListen, stateDir, peerTls, haSnapshotEvery) : null;
        LiveDriver driver = node != null
                ? LiveDriver.replicated(settings, p, () -> System.currentTimeMillis() * 1000L, null, secrets, node.journal(), node).start()
                : new LiveDriver(settings, p, () -> System.currentTimeMillis() * 1000L, null, secrets, durability).start();
        if (driver.recovered() != null) System.err.println("mesocosm master: " + driver.recovered().describe());
        // fail-stop: a master whose log cannot be written answers nothing ever again; exiting lets a supervisor restart it,
        // and the restart replays a log that holds every input this one acknowledged (issue 18). A replicated master that
        // lost its leadership after acting stops the same way and comes back as a standby (issue 19).
        driver.onLogFailure(e -> {
            System.err.println("mesocosm master: FATAL: " + (node != null ? "the replicated input log cannot take this master's inputs"
                    : "the input log in " + stateDir + " cannot be written") + " (" + e.getMessage() + "); exiting with status "
                    + LOG_FAILURE_EXIT + " so that a supervisor restarts the master: every input it acknowledged is in the log");
            System.err.flush();
            Runtime.getRuntime().halt(LOG_FAILURE_EXIT);
        });
        ApiServer server;
        try {
            server = new ApiServer(driver, new InetSocketAddress(host, port), maxBody, secured.tls(), secured.access()).withAdmission(admission)
                    .withRequestsPerAddress(maxRequestsPerAddress).start();
        } catch (java.net.BindException e) {
            driver.close();
            throw new Mesocosm.UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        String url = (secured.tls() == null ? "http" : "https") + "://" + HaSetup.advertised(server.address());
        if (node != null) {
            try {
                node.start(driver, url);
            } catch (java.io.IOException e) {
                e.printStackTrace(); // the consensus layer's reasons are deep in the cause chain
                server.close();
                driver.close();
                throw new Mesocosm.UserError("cannot start replicating on " + node.peers().listen(id)
                        + (peerListen != null ? " (--peer-listen)" : " (--peers; --peer-listen binds elsewhere)") + ": " + e.getMessage());
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (node != null) {
                try {
                    node.close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }
            try {
                driver.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        System.err.println("mesocosm master: listening on " + (secured.tls() == null ? "http" : "https") + "://" + boundTo(server.address())
                + "/ (policy " + policy + ", agent timeout " + agentTimeout
                + (stateDir == null ? ", no state dir" : ", state in " + stateDir)
                + (node != null ? ", replicated as " + id + " among " + node.peers().ids() + ", a standby until elected" : "") + "); Ctrl-C stops it");
        stopped.await();
        return 0;
    }

    /** The address really bound, as a URL authority; the wildcard address says that it is one. */
    static String boundTo(InetSocketAddress a) {
        java.net.InetAddress ip = a.getAddress();
        String host = ip instanceof java.net.Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return host + ":" + a.getPort() + (ip.isAnyLocalAddress() ? " (every interface)" : "");
    }
}
