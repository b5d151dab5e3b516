package io.prmsync.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What the console keeps in the servlet session: whether an admin logged in, and the session's CSRF token. The
 * admin token itself is never kept: once checked at login it has done its job.
 */
final class ConsoleSession {

    static final String CSRF_PARAMETER = "_csrf";

    private static final String ADMIN = ConsoleSession.class.getName() + ".admin";
    private static final String CSRF = ConsoleSession.class.getName() + ".csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {}

    static boolean isLoggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(ADMIN));
    }

    /**
     * Marks the session logged in under a new session id and a new CSRF token, so an id or token planted before the
     * login (session fixation) is worth nothing after it.
     */
    static void logIn(HttpServletRequest request) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(ADMIN, Boolean.TRUE);
        session.setAttribute(CSRF, newToken());
    }

    static void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** The session's CSRF token, creating the session and the token when there is none yet (the login form). */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token == null) {
            token = newToken();
            session.setAttribute(CSRF, token);
        }
        return (String) token;
    }

    /** Whether the request's {@value #CSRF_PARAMETER} parameter is the session's token; constant-time. */
    static boolean csrfMatches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        String presented = request.getParameter(CSRF_PARAMETER);
        return expected instanceof String token
                && presented != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
