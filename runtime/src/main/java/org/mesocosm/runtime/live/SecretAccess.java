package org.mesocosm.runtime.live;

/**
 * Who may do what with secrets: the one place where an access-control list is consulted for the
 * secret endpoints and for jobs that use secrets. A denial is thrown as {@code ApiError(403, ...)}.
 * The master is built with {@link #OPEN} until authentication exists to say who is asking.
 */
@FunctionalInterface
interface SecretAccess {
    enum Action { LIST, PUT, DELETE, USE }

    /**
     * @param call the request (its principal, once requests carry one)
     * @param name the secret acted on; null for {@link Action#LIST}
     */
    void check(HttpCall call, Action action, String name);

    /** Everyone may do everything: what the API allows anyone who can reach it, before there are principals. */
    SecretAccess OPEN = (call, action, name) -> { };
}
