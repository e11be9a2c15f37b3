package org.mesocosm.runtime.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.security.Action;

/**
 * Job ids are per role (issue 18): a live job's key, the id the master, its log, {@code users.json},
 * task ids and sandboxes use, is {@code role:id}, or the bare id in the default role. Two roles may
 * both have a job {@code report}; a create answers the same whether another role has one or not, so
 * no answer tells a principal the ids of roles it cannot view. (Before, ids were global: a create of
 * an id another role used answered 409.)
 *
 * <p>Role and job names are letters, digits, '-' and '_' ({@code JobSpecReader}), so the first ':'
 * of a key separates them. Jobs logged by a master older than this keep their bare id as key (ids
 * were unique across roles then, so none is ambiguous); they are found by role and name like any other.
 *
 * <p>The API resolves what a client names ({@link #resolve}) among the jobs of the roles it may view:
 * {@code role:id} names that role's job, a bare id the one job of that name in those roles, and
 * several matches are a 409 that lists the qualified ids to choose from.
 *
 * <p>Every step from a name to a key is here (the pure rule, its lookup on the event loop, the
 * API's answer when nothing matches), so that the driver and the endpoints cannot drift apart.
 */
final class JobKeys {
    /** The role of a spec that names none (as {@code JobSpecReader} reads it); its keys are bare ids. */
    static final String DEFAULT_ROLE = "default";

    private JobKeys() {}

    /** The key of job {@code id} in {@code role}. */
    static String key(String role, String id) {
        return role.equals(DEFAULT_ROLE) ? id : role + ":" + id;
    }

    /** The id a job was submitted with: the key without its role. */
    static String name(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }

    /**
     * What a client's job name resolved to: the job's key and role, or no key and, if jobs of that
     * name exist only in roles the client may not view, one such role (for the audit log's denial line).
     */
    record Resolved(String key, String role, String hiddenRole) {}

    /**
     * The job {@code given} names for a client who may view the roles {@code mayView} accepts.
     *
     * @param named every job of the name {@code given} holds (key to role), as {@link LiveState#jobsNamed} keeps them
     * @throws ApiError 409 when {@code given} is a bare id that several viewable roles use
     */
    static Resolved resolve(String given, Map<String, String> named, Predicate<String> mayView) {
        int colon = given.indexOf(':');
        String role = colon < 0 ? null : given.substring(0, colon);
        String exact = role == null ? null : key(role, given.substring(colon + 1));
        List<String> choices = new ArrayList<>();
        String hidden = null;
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (role != null && !e.getValue().equals(role)) continue;
            if (e.getKey().equals(exact)) return mayView.test(role) ? new Resolved(exact, role, null) : new Resolved(null, null, role);
            if (mayView.test(e.getValue())) choices.add(e.getKey());
            else if (hidden == null) hidden = e.getValue();
        }
        if (choices.size() == 1) return new Resolved(choices.get(0), named.get(choices.get(0)), null);
        if (choices.isEmpty()) return new Resolved(null, null, hidden);
        choices.sort(null);
        throw new ApiError(409, "job", "job '" + given + "' is ambiguous: roles you may view have " + choices.size()
                + " jobs of that id; name one as ROLE:ID: " + String.join(", ", choices));
    }

    /** The job a client names, among the roles it may view (see {@link #resolve(String, Map, Predicate)}); on the event loop. */
    static Resolved resolve(String given, LiveState state, Predicate<String> mayViewRole) {
        int colon = given.indexOf(':');
        return resolve(given, state.jobsNamed(colon < 0 ? given : given.substring(colon + 1)), mayViewRole);
    }

    /**
     * Whether {@code role} has a job submitted with {@code id}: its key is taken, or a job an older
     * master logged under the bare id has that name in that role. On the event loop.
     */
    static boolean taken(Master master, LiveState state, String role, String id) {
        String key = key(role, id);
        return master.hasJob(key) || state.jobsNamed(id).containsValue(role);
    }

    /**
     * The job a client of the API names (a bare id or {@code role:id}) among the roles it may
     * view; 404, word for word as for no job at all, when there is none (a denial is logged if the name
     * exists only in roles it may not view); 409 listing the choices when several match.
     */
    static Resolved resolve(HttpCall c, String given, LiveDriver driver, AccessControl access) {
        Resolved r = driver.call(() -> resolve(given, driver.state(), role -> access.allows(c.principal, Action.VIEW_JOBS, role)));
        String missing = "no job '" + given + "'";
        if (r.key() != null) return r;
        if (r.hiddenRole() != null) access.requireOrHide(c, Action.VIEW_JOBS, r.hiddenRole(), missing); // logs the denial, answers 404
        throw new ApiError(404, missing);
    }
}
