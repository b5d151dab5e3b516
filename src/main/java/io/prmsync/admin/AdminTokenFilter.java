package io.prmsync.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Every call needs {@code Authorization: Bearer <token>}, except the health and info probes, the webhooks
 * (which check their own signatures) and the browser console (whose access filter asks for a session logged in with
 * the same token, see {@link ConsolePaths}): deny by default, so
 * an endpoint added later is protected without anyone remembering to. Paths are compared the way Spring MVC
 * resolves them (decoded, {@code ;parameters} removed), so {@code /api;x/…} or {@code /%61pi/…} cannot slip by.
 * The probes answer anyone, but only a caller with the token is an {@link AdminRequest}, to whom health shows its
 * details ({@code show-details: when-authorized}).
 */
@Component
@Order(AdminTokenFilter.ORDER)
class AdminTokenFilter extends OncePerRequestFilter {

    /** Last among the filters, and before {@link AdminBodyLimitFilter}: a caller without the token is not read. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final AdminTokens tokens;
    private final ObjectMapper json;

    AdminTokenFilter(AdminTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    private static final List<String> OPEN = List.of("/actuator/health", "/actuator/info");
    /** Webhooks authenticate each request themselves: by signature, or by organization for Outbound Messages. */
    private static final List<String> WEBHOOKS =
            List.of("/webhooks/prm", "/webhooks/salesforce", "/webhooks/salesforce/outbound-message");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return WEBHOOKS.contains(UrlPathHelper.defaultInstance.getLookupPathForRequest(request))
                || ConsolePaths.isConsole(request);
    }

    private static boolean isOpen(HttpServletRequest request) {
        String path = UrlPathHelper.defaultInstance.getLookupPathForRequest(request);
        return OPEN.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    private static String basic(String header) {
        if (header == null || !header.startsWith(BASIC)) {
            return null;
        }
        try {
            return new String(
                    Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
        if (tokens.accepts(presented) || tokens.acceptsBasic(basic(header))) {
            chain.doFilter(new AdminRequest(request), response);
            return;
        }
        if (isOpen(request)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED,
                "This endpoint needs a valid bearer token (Authorization: Bearer <token>) or, where configured,"
                        + " HTTP basic credentials.");
        response.setHeader("WWW-Authenticate", "Bearer");
        FilterProblems.send(request, response, problem, json);
    }
}
