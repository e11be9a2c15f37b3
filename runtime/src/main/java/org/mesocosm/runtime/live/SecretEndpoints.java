package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;

/**
 * {@code /api/v1/secrets}: named secrets are stored, replaced and deleted here, and listed by
 * name; no answer ever holds a value. Every request passes {@link SecretAccess} first. Changes run
 * on the event loop, so a job's check that its secrets exist and a deletion never interleave.
 *
 * <pre>
 * GET    /api/v1/secrets        names, update times and the active jobs using each
 * GET    /api/v1/secrets/NAME   the same for one secret
 * PUT    /api/v1/secrets/NAME   body: the value (bytes, at most 64 KiB) -> 201 created / 200 replaced
 * DELETE /api/v1/secrets/NAME   200; 409 while an active job uses it
 * </pre>
 */
final class SecretEndpoints {
    private final LiveDriver driver;
    private final SecretAccess access;

    SecretEndpoints(LiveDriver driver, SecretAccess access) {
        this.driver = driver;
        this.access = access;
    }

    /** {@code s}: the path segments after {@code /api/v1/}, starting with "secrets". */
    void handle(HttpCall c, String[] s) throws IOException {
        if (s.length == 1) {
            if (!c.method.equals("GET") && !c.method.equals("HEAD")) throw new ApiError(405, c.method + " not allowed on " + c.path + ": use GET");
            access.check(c, SecretAccess.Action.LIST, null);
            c.json(200, driver.call(this::list));
        } else if (s.length == 2) {
            String name = s[1];
            switch (c.method) {
                case "GET", "HEAD" -> {
                    access.check(c, SecretAccess.Action.LIST, name);
                    c.json(200, driver.call(() -> {
                        EncryptedSecretStore.Entry e = driver.secrets().entry(name);
                        if (e == null) throw new ApiError(404, "no secret '" + name + "'");
                        return view(e);
                    }));
                }
                case "PUT" -> put(c, name);
                case "DELETE" -> delete(c, name);
                default -> throw new ApiError(405, c.method + " not allowed on " + c.path + ": use GET, PUT or DELETE");
            }
        }
    }

    private void put(HttpCall c, String name) throws IOException {
        checkName(name);
        access.check(c, SecretAccess.Action.PUT, name);
        byte[] value = c.bodyBytes(EncryptedSecretStore.MAX_VALUE_BYTES);
        try {
            if (value.length == 0) throw new ApiError(400, "value", "value: the request body (the secret's value) is empty");
            boolean created = driver.call(() -> driver.putSecret(name, value));
            c.json(created ? 201 : 200, HttpCall.JSON.createObjectNode().put("name", name).put("created", created));
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private void delete(HttpCall c, String name) throws IOException {
        checkName(name);
        access.check(c, SecretAccess.Action.DELETE, name);
        driver.call(() -> {
            if (!driver.secrets().contains(name)) throw new ApiError(404, "no secret '" + name + "'");
            List<String> users = SecretUse.activeUsers(name, driver.state());
            if (!users.isEmpty()) {
                throw new ApiError(409, "", "secret '" + name + "' is used by active job" + (users.size() == 1 ? " " : "s ")
                        + String.join(", ", users.subList(0, Math.min(10, users.size()))) + (users.size() > 10 ? ", ..." : "")
                        + "; kill " + (users.size() == 1 ? "it" : "them") + " first");
            }
            return driver.deleteSecret(name);
        });
        c.json(200, HttpCall.JSON.createObjectNode().put("name", name).put("deleted", true));
    }

    private ObjectNode list() {
        ObjectNode o = HttpCall.JSON.createObjectNode();
        ArrayNode arr = o.putArray("secrets");
        for (EncryptedSecretStore.Entry e : driver.secrets().list()) arr.add(view(e));
        return o;
    }

    private ObjectNode view(EncryptedSecretStore.Entry e) {
        ObjectNode o = HttpCall.JSON.createObjectNode().put("name", e.name()).put("updated_at", e.updatedAt().toString());
        ArrayNode used = o.putArray("used_by");
        SecretUse.activeUsers(e.name(), driver.state()).forEach(used::add);
        return o;
    }

    private static void checkName(String name) {
        try {
            EncryptedSecretStore.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "name", "name: " + e.getMessage());
        }
    }
}
