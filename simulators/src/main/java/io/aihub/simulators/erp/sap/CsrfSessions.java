package io.aihub.simulators.erp.sap;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * SAP Gateway's CSRF protection: {@code X-CSRF-Token: Fetch} on a GET opens (or reuses) a session, named by
 * the {@code SAP_SESSIONID_<SID>_<client>} cookie, and returns its token; a modifying request must carry the
 * session cookie and that session's token. Sessions can be made to expire on demand or every n writes.
 */
final class CsrfSessions {

    /** The session cookie's name. */
    static final String COOKIE = "SAP_SESSIONID_S4H_100";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> tokenBySession = new HashMap<>();
    private int expireEveryWrites;
    private boolean refuseAll;
    private long acceptedWrites;

    /**
     * The session for a fetch: the caller's own when its cookie names a live one, else a new one.
     *
     * @return {session id, token}
     */
    synchronized String[] fetch(String sessionId) {
        if (sessionId != null && tokenBySession.containsKey(sessionId)) {
            return new String[] {sessionId, tokenBySession.get(sessionId)};
        }
        String id = randomText(24);
        String token = randomText(18);
        tokenBySession.put(id, token);
        return new String[] {id, token};
    }

    /** True when {@code token} is the live session's token; counts accepted writes for periodic expiry. */
    synchronized boolean accept(String sessionId, String token) {
        boolean ok = !refuseAll && sessionId != null && token != null && token.equals(tokenBySession.get(sessionId));
        if (ok) {
            acceptedWrites++;
            if (expireEveryWrites > 0 && acceptedWrites % expireEveryWrites == 0) {
                tokenBySession.clear();
            }
        }
        return ok;
    }

    /** While true, every token is refused, even one fetched a moment ago (a broken session affinity). */
    synchronized void refuseAll(boolean value) {
        refuseAll = value;
    }

    synchronized void expireAll() {
        tokenBySession.clear();
    }

    /** From now on every session ends after {@code writes} accepted writes in total (0: never). */
    synchronized void expireEvery(int writes) {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must not be negative");
        }
        expireEveryWrites = writes;
        acceptedWrites = 0;
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
