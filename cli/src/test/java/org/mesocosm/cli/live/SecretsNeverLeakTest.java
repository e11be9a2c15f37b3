package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named secrets end to end, with a master, two agents and every client command in processes of
 * their own on loopback: secrets are stored with {@code mesocosm secret put} (stdin and file),
 * jobs use them as an env var and as a sandbox file, and the tasks check by hash that they saw
 * the right values (a task expecting another value fails, so the check can fail). Then every
 * output of the run (each process's stdout and stderr, every file under the master's state dir
 * and the agents' work dirs, every API answer including the status page and /metrics) is searched
 * for the values, plain and in base64: they are nowhere. Last, the master restarts on its state
 * dir and keeps the secrets, and refuses to start with another key.
 */
class SecretsNeverLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern PIN = Pattern.compile("TLS certificate (sha256:[0-9a-f]+)");
    private static final String OPS_TOKEN = "ops-token-for-the-leak-test-01";

    @TempDir
    Path tmp;

    private HttpClient http;
    private String pin;
    private Path opsToken;
    private Path agentToken;
    private Path credentials;
    /** Every answer the API gave in this run, by request. */
    private final Map<String, String> answers = new LinkedHashMap<>();
    private String url;

    @Test
    @Timeout(150)
    void secretsReachOnlyTheirTasksAndAppearInNoOutput() throws Exception {
        SecureRandom rnd = new SecureRandom();
        String db = "pw-" + hex(rnd, 16);
        String db2 = "pw2-" + hex(rnd, 16);
        String keyBody = hex(rnd, 24);
        String key = "-----BEGIN TEST KEY-----\n" + keyBody + "\n-----END TEST KEY-----\n";
        Path input = Files.createDirectories(tmp.resolve("input")); // what the user typed in: the one place the values may be
        Path keyFile = Files.writeString(input.resolve("key.pem"), key);
        Path logs = tmp.resolve("logs");
        Path state = tmp.resolve("master");
        // secured as a user runs it: TLS with the master's own certificate, pinned; tokens for ops and the agents
        Path secure = Files.createDirectories(tmp.resolve("secure"));
        opsToken = Files.writeString(secure.resolve("ops.token"), OPS_TOKEN + "\n");
        agentToken = Files.writeString(secure.resolve("agent.token"), "agent-token-for-the-leak-test-01\n");
        credentials = Files.writeString(secure.resolve("credentials.yaml"), "credentials:\n  - principal: ops\n    token: " + OPS_TOKEN
                + "\n  - principal: agent\n    token: agent-token-for-the-leak-test-01\n");

        MesocosmProcess master = MesocosmProcess.start(logs, "master", null, "master", "--host", "127.0.0.1", "--port", "0",
                "--state-dir", state.toString(), "--agent-timeout", "5s", "--policy", "drf:interval=50ms", "--credentials", credentials.toString());
        List<MesocosmProcess> agents = new ArrayList<>();
        try (master) {
            pin = master.awaitStderr(PIN, 30_000);
            url = master.awaitStderr(LISTENING, 30_000);
            http = new ClientSecurity(Tls.pinned(pin), OPS_TOKEN).configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)).build();
            for (String id : List.of("a1", "a2")) {
                agents.add(MesocosmProcess.start(logs, "agent-" + id, null, "agent", "--master", url, "--pin", pin, "--token-file", agentToken.toString(),
                        "--id", id, "--cpus", "2", "--mem", "1024",
                        "--work-dir", tmp.resolve("agents").resolve(id).toString(), "--kill-grace", "500"));
            }
            cli(logs, "put-db", db.getBytes(StandardCharsets.UTF_8), 0, "secret", "put", "db-password", "--from-stdin");
            cli(logs, "put-key", null, 0, "secret", "put", "tls-key", "--from-file", keyFile.toString());
            await("two agents up", 30_000, () -> count(get("/api/v1/agents").path("agents"), "state", "up") == 2);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("secret.key"))));

            String uses = "\"secrets\": [{\"name\": \"db-password\", \"env\": \"DB_PASSWORD\"}, {\"name\": \"tls-key\", \"file\": \"secrets/key.pem\"}]";
            String check = "test \\\"$(printf %%s \\\"$DB_PASSWORD\\\" | sha256sum | cut -c1-64)\\\" = %s"
                    + " && test \\\"$(sha256sum < secrets/key.pem | cut -c1-64)\\\" = " + sha256(key)
                    + " && stat -c %%a secrets/key.pem > file-mode && stat -c %%a secrets > dir-mode && echo checked";
            submit(logs, "ok", "{\"id\": \"ok\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"check\", \"cpus\": 0.5, \"mem\": 32, "
                    + uses + ", \"command\": \"" + check.formatted(sha256(db)) + "\"}]}");
            submit(logs, "wrong", "{\"id\": \"wrong\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"check\", \"cpus\": 0.5, \"mem\": 32, "
                    + uses + ", \"command\": \"" + check.formatted(sha256("not the password")) + "\"}]}");
            submit(logs, "svc", "{\"id\": \"svc\", \"kind\": \"service\", \"tasks\": [{\"name\": \"s\", \"cpus\": 0.5, \"mem\": 32, "
                    + uses + ", \"command\": \"sha256sum < secrets/key.pem > seen; exec sleep 600\"}]}");

            // a job naming a secret that does not exist: 400 naming the field, and no job
            HttpResponse<String> ghost = send("POST /api/v1/jobs (ghost)", HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"ghost\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, "
                            + "\"mem\": 8, \"command\": \"true\", \"secrets\": [{\"name\": \"db-password\", \"env\": \"A\"}, {\"name\": \"nope\", \"env\": \"B\"}]}]}")));
            assertEquals(400, ghost.statusCode(), ghost.body());
            assertEquals("tasks[0].secrets[1].name", JSON.readTree(ghost.body()).path("field").asText(), ghost.body());
            assertEquals(404, send("GET /api/v1/jobs/ghost", HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/ghost")).GET()).statusCode());

            await("ok finished", 30_000, () -> status("ok").equals("finished"));
            await("wrong failed", 30_000, () -> status("wrong").equals("failed"));
            await("svc running", 30_000, () -> count(get("/api/v1/jobs/svc").path("tasks"), "state", "RUNNING") == 1);
            Path okBox = sandbox(get("/api/v1/jobs/ok").path("tasks").get(0));
            assertEquals("600", Files.readString(okBox.resolve("file-mode")).trim());
            assertEquals("700", Files.readString(okBox.resolve("dir-mode")).trim());
            assertEquals("checked", Files.readString(okBox.resolve("stdout")).trim());
            assertFalse(Files.exists(okBox.resolve("secrets/key.pem")), "the secret file is removed when the task ends");

            JsonNode svcTask = get("/api/v1/jobs/svc").path("tasks").get(0);
            Path svcBox = sandbox(svcTask);
            await("svc wrote what it saw", 10_000, () -> Files.exists(svcBox.resolve("seen")));
            assertEquals(sha256(key), Files.readString(svcBox.resolve("seen")).substring(0, 64));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(svcBox.resolve("secrets/key.pem"))));

            // in use: not deletable; listed with its users; the CLI says so without a stack trace
            MesocosmProcess.Result rm = cli(logs, "rm-in-use", null, 2, "secret", "rm", "tls-key");
            assertTrue(rm.err().contains("secret 'tls-key' is used by active job svc; kill it first"), rm.err());
            MesocosmProcess.Result list = cli(logs, "list", null, 0, "secret", "list");
            assertTrue(list.out().contains("db-password") && list.out().contains("tls-key") && list.out().contains("svc"), list.out());

            // a new value reaches tasks launched after it
            cli(logs, "put-db2", db2.getBytes(StandardCharsets.UTF_8), 0, "secret", "put", "db-password", "--from-stdin");
            submit(logs, "ok2", "{\"id\": \"ok2\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"check\", \"cpus\": 0.5, \"mem\": 32, "
                    + uses + ", \"command\": \"" + check.formatted(sha256(db2)) + "\"}]}");
            await("ok2 finished", 30_000, () -> status("ok2").equals("finished"));

            cli(logs, "kill-svc", null, 0, "kill", "svc");
            await("svc killed", 30_000, () -> status("svc").equals("killed"));
            await("svc's secret file removed", 10_000, () -> !Files.exists(svcBox.resolve("secrets/key.pem")));
            cli(logs, "rm", null, 0, "secret", "rm", "tls-key");

            for (String p : List.of("/", "/metrics", "/api/v1/jobs", "/api/v1/tasks", "/api/v1/agents", "/api/v1/secrets",
                    "/api/v1/secrets/db-password", "/api/v1/jobs/ok", "/api/v1/jobs/wrong", "/api/v1/jobs/svc", "/api/v1/jobs/ok2")) {
                getText(p);
            }
            JsonNode wrongTask = get("/api/v1/jobs/wrong").path("tasks").get(0);
            assertEquals(1, wrongTask.path("exit_code").asInt(), wrongTask.toString());
            for (MesocosmProcess a : agents) a.stop();
            master.stop();
        } finally {
            for (MesocosmProcess a : agents) a.close();
        }

        // the master restarts on its state dir with its key: the secrets are still there
        try (MesocosmProcess again = MesocosmProcess.start(logs, "master-again", null, "master", "--host", "127.0.0.1", "--port", "0",
                "--state-dir", state.toString(), "--policy", "drf:interval=50ms", "--credentials", credentials.toString())) {
            url = again.awaitStderr(LISTENING, 30_000);
            JsonNode names = get("/api/v1/secrets").path("secrets");
            assertEquals(1, names.size(), names.toString());
            assertEquals("db-password", names.get(0).path("name").asText());
            again.stop();
        }
        // ... and refuses another key, saying so in one line
        Path otherKey = Files.writeString(tmp.resolve("other.key"), Base64.getEncoder().encodeToString(rnd.generateSeed(32)) + "\n");
        Files.setPosixFilePermissions(otherKey, PosixFilePermissions.fromString("rw-------"));
        MesocosmProcess.Result wrongKey = MesocosmProcess.run(logs, "master-wrong-key", null, "master", "--host", "127.0.0.1", "--port", "0",
                "--state-dir", state.toString(), "--secret-key-file", otherKey.toString(), "--credentials", credentials.toString());
        assertEquals(2, wrongKey.exit(), wrongKey.err());
        assertTrue(wrongKey.err().contains("was encrypted with another key than the one in " + otherKey), wrongKey.err());
        assertFalse(wrongKey.err().contains("\tat "), "no stack trace: " + wrongKey.err());

        // the secret store holds ciphertext, and the values are nowhere in what the run left behind
        assertTrue(Files.readString(state.resolve("secrets.enc")).contains("\"format\" : \"mesocosm-secrets/1\""));
        List<String> needles = new ArrayList<>();
        for (String v : List.of(db, db2, key)) {
            needles.add(v);
            needles.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
        }
        needles.add(keyBody);
        int scanned = 0;
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(input)).sorted().toList()) {
                scanned++;
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (int i = 0; i < needles.size(); i++) if (text.contains(needles.get(i))) found.add(tmp.relativize(f) + " holds secret #" + i);
            }
        }
        for (Map.Entry<String, String> a : answers.entrySet()) {
            for (int i = 0; i < needles.size(); i++) if (a.getValue().contains(needles.get(i))) found.add("answer to " + a.getKey() + " holds secret #" + i);
        }
        assertEquals(List.of(), found);
        // the search covered what matters: every process's output, the state dir, the task sandboxes, and the API
        for (String f : List.of("logs/master.stderr", "logs/agent-a1.stderr", "logs/put-db.stdout", "master/log-header.json", "master/secrets.enc")) {
            assertTrue(Files.exists(tmp.resolve(f)), f);
        }
        // the durable log's records are binary: decode them too, and look there as well
        String inputs = StateLog.read(state).entries().toString();
        assertTrue(inputs.contains("db-password"), "the input log names the secrets");
        for (int i = 0; i < needles.size(); i++) assertFalse(inputs.contains(needles.get(i)), "the decoded input log holds secret #" + i);
        assertTrue(scanned > 30, "files scanned: " + scanned);
        assertTrue(answers.keySet().containsAll(List.of("GET /", "GET /metrics", "GET /api/v1/tasks", "GET /api/v1/agents")), answers.keySet().toString());
    }

    private MesocosmProcess.Result cli(Path logs, String label, byte[] stdin, int wantExit, String... args) throws Exception {
        String[] full = new String[args.length + 6];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--master";
        full[args.length + 1] = url;
        full[args.length + 2] = "--pin";
        full[args.length + 3] = pin;
        full[args.length + 4] = "--token-file";
        full[args.length + 5] = opsToken.toString();
        MesocosmProcess.Result r = MesocosmProcess.run(logs, label, stdin, full);
        assertEquals(wantExit, r.exit(), label + ": " + r.err());
        return r;
    }

    private void submit(Path logs, String id, String spec) throws Exception {
        Path f = Files.writeString(tmp.resolve("input").resolve(id + ".json"), spec);
        assertEquals(id, cli(logs, "submit-" + id, null, 0, "submit", f.toString()).out().trim());
    }

    private Path sandbox(JsonNode task) {
        return tmp.resolve("agents").resolve(task.path("agent").asText()).resolve("sandboxes").resolve(task.path("id").asText());
    }

    private String status(String job) {
        return get("/api/v1/jobs/" + job).path("status").asText();
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(getText(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String getText(String path) {
        return send("GET " + path, HttpRequest.newBuilder(URI.create(url + path)).GET()).body();
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + OPS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            answers.merge(what, r.body(), (x, y) -> x + "\n" + y);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int count(JsonNode arr, String field, String value) {
        int n = 0;
        for (JsonNode x : arr) if (x.path(field).asText().equals(value)) n++;
        return n;
    }

    private static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        LiveCluster.await(what, millis, condition);
    }

    private static String hex(SecureRandom rnd, int bytes) {
        byte[] b = new byte[bytes];
        rnd.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
