package org.mesocosm.policies.drf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.AllocatorConfig;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * The role parameters of {@code drf}, in a syntax that survives the policy spec (where ','
 * separates parameters and ':' follows the policy name): entries are joined by '+', and role
 * paths keep their '/'.
 * <pre>
 *   weights=eng=2+ops=1+eng/batch=3        DRF weight per role path (legacy: web=2/ml=0.5)
 *   quota=eng:guarantee=100/400Gi:limit=200/800Gi+ops:limit=16/64Gi
 *   reserve=ml:8/32Gi@rack=r1+web:2/4Gi@hostname=n00003+ops:1/1Gi
 * </pre>
 * Resources are {@code CPU/MEM[/DISK[/GPUS]]}: CPU in cores ({@code 8}, {@code 0.5}) or millicores
 * ({@code 8000m}); MEM and DISK in MiB ({@code 32768}) or with a {@code Mi}, {@code Gi} or {@code Ti}
 * suffix; GPUS a count. A reservation without {@code @ATTR=VALUE} applies to every agent.
 */
final class DrfParams {
    private static final List<String> QUOTA_KEYS = List.of("guarantee", "limit");

    private DrfParams() {}

    static AllocatorConfig config(PolicyParams p) {
        return new AllocatorConfig(weights(p.string("weights", "")), quotas(p.string("quota", "")), reservations(p.string("reserve", "")));
    }

    static Map<String, Double> weights(String spec) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String chunk : entries(spec)) {
            // a weight is a number, so a '/' after it starts the next role (the legacy a=1/b=2 form)
            String rest = chunk;
            while (!rest.isEmpty()) {
                int eq = rest.indexOf('=');
                if (eq <= 0) throw bad("weights", chunk, "is not ROLE=WEIGHT");
                int end = rest.indexOf('/', eq);
                String role = rest.substring(0, eq).trim();
                String num = (end < 0 ? rest.substring(eq + 1) : rest.substring(eq + 1, end)).trim();
                try {
                    double v = Double.parseDouble(num);
                    if (!(v > 0) || Double.isInfinite(v)) throw new NumberFormatException();
                    if (w.put(role, v) != null) throw bad("weights", chunk, "gives role '" + role + "' twice");
                } catch (NumberFormatException e) {
                    throw bad("weights", chunk, "is not ROLE=POSITIVE-NUMBER");
                }
                rest = end < 0 ? "" : rest.substring(end + 1);
            }
        }
        return w;
    }

    static Map<String, AllocatorConfig.Quota> quotas(String spec) {
        Map<String, AllocatorConfig.Quota> q = new LinkedHashMap<>();
        for (String e : entries(spec)) {
            String[] parts = e.split(":");
            String role = parts[0].trim();
            if (role.isEmpty() || parts.length < 2) throw bad("quota", e, "is not ROLE:guarantee=RES[:limit=RES]");
            Resources guarantee = null, limit = null;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                String key = eq < 0 ? parts[i].trim() : parts[i].substring(0, eq).trim();
                if (!QUOTA_KEYS.contains(key)) {
                    throw bad("quota", e, "has unknown key '" + key + "' (valid: " + String.join(", ", QUOTA_KEYS) + ")");
                }
                Resources r = resources("quota", e, eq < 0 ? "" : parts[i].substring(eq + 1));
                if (key.equals("guarantee")) guarantee = r;
                else limit = r;
            }
            try {
                if (q.put(role, new AllocatorConfig.Quota(guarantee, limit)) != null) throw bad("quota", e, "gives role '" + role + "' twice");
            } catch (IllegalArgumentException ex) {
                throw bad("quota", e, ex.getMessage());
            }
        }
        return q;
    }

    static List<AllocatorConfig.Reservation> reservations(String spec) {
        List<AllocatorConfig.Reservation> out = new ArrayList<>();
        for (String e : entries(spec)) {
            int colon = e.indexOf(':');
            if (colon <= 0) throw bad("reserve", e, "is not ROLE:RES[@ATTR=VALUE]");
            String role = e.substring(0, colon).trim();
            String rest = e.substring(colon + 1);
            String attr = null, value = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                String sel = rest.substring(at + 1);
                int eq = sel.indexOf('=');
                if (eq <= 0 || eq == sel.length() - 1) throw bad("reserve", e, "selector '@" + sel + "' is not @ATTR=VALUE");
                attr = sel.substring(0, eq).trim();
                value = sel.substring(eq + 1).trim();
                rest = rest.substring(0, at);
            }
            try {
                out.add(new AllocatorConfig.Reservation(role, resources("reserve", e, rest), attr, value));
            } catch (IllegalArgumentException ex) {
                if (ex.getMessage().startsWith("policy 'drf'")) throw ex;
                throw bad("reserve", e, ex.getMessage());
            }
        }
        return out;
    }

    /** {@code CPU/MEM[/DISK[/GPUS]]}. */
    static Resources resources(String param, String entry, String spec) {
        String[] p = spec.trim().split("/");
        if (p.length < 2 || p.length > 4) throw bad(param, entry, "resources '" + spec + "' are not CPU/MEM[/DISK[/GPUS]] (e.g. 8/32Gi)");
        try {
            String cpu = p[0].trim().toLowerCase(Locale.ROOT);
            long millis = cpu.endsWith("m") ? Long.parseLong(cpu.substring(0, cpu.length() - 1)) : Math.round(Double.parseDouble(cpu) * 1000);
            long mem = mebibytes(p[1]);
            long disk = p.length > 2 ? mebibytes(p[2]) : 0;
            long gpus = p.length > 3 ? Long.parseLong(p[3].trim()) : 0;
            return new Resources(millis, mem, disk, gpus);
        } catch (IllegalArgumentException e) {
            throw bad(param, entry, "resources '" + spec + "' are not CPU/MEM[/DISK[/GPUS]] (e.g. 8/32Gi or 8000m/32768)");
        }
    }

    private static long mebibytes(String v) {
        String s = v.trim();
        long f = 1;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("mi")) s = s.substring(0, s.length() - 2);
        else if (lower.endsWith("gi")) { f = 1024; s = s.substring(0, s.length() - 2); }
        else if (lower.endsWith("ti")) { f = 1024 * 1024; s = s.substring(0, s.length() - 2); }
        return Math.round(Double.parseDouble(s.trim()) * f);
    }

    private static List<String> entries(String spec) {
        List<String> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) return out;
        for (String e : spec.split("\\+")) {
            if (e.isBlank()) throw new IllegalArgumentException("policy 'drf': empty entry in '" + spec + "' (entries are joined by '+')");
            out.add(e.trim());
        }
        return out;
    }

    private static IllegalArgumentException bad(String param, String entry, String why) {
        return new IllegalArgumentException("policy 'drf': " + param + ": '" + entry + "' " + why);
    }
}
