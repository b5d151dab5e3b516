package io.prmsync.console;

import io.prmsync.admin.ConsolePaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's gate, as strict as the API's: every console response carries a strict Content-Security-Policy and
 * friends; every page but the login form and its assets needs a logged-in session (deny by default, so a page added
 * later is protected without anyone remembering to); every request that changes something must carry the session's
 * CSRF token, the login form's included (so no other site can log a browser in under its own session either).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class ConsoleAccessFilter extends OncePerRequestFilter {

    static final String LOGIN = ConsolePaths.ROOT + "/login";
    static final String ASSETS = ConsolePaths.ROOT + "/assets/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ConsolePaths.isConsole(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        String path = ConsolePaths.lookupPath(request);
        boolean asset = path.startsWith(ASSETS);
        if (!asset) {
            // Pages show live state and the CSRF token: neither belongs in a shared or back-button cache.
            response.setHeader("Cache-Control", "no-store");
        }
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        if (asset) {
            if (safe) {
                chain.doFilter(request, response);
            } else {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
            return;
        }
        // A stranger is turned away before the body of what they sent is read.
        if (!path.equals(LOGIN) && !ConsoleSession.isLoggedIn(request)) {
            if (safe) {
                response.sendRedirect(request.getContextPath() + LOGIN);
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Log in first");
            }
            return;
        }
        if (!safe && !ConsoleSession.csrfMatches(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token: reload the page");
            return;
        }
        chain.doFilter(request, response);
    }
}
