package io.prmsync.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.config.AdminProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Admin request bodies are bounded before anything holds them whole: a declared {@code Content-Length} over the
 * limit is refused unread, and a body of unknown length (chunked) is read only up to the limit. Either way the
 * answer is 413 with problem details naming the limit. The dry run's candidate rules have their own, larger limit;
 * the webhooks bound their bodies themselves ({@code prm-sync.webhooks.max-body-size}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class AdminBodyLimitFilter extends OncePerRequestFilter {

    /** The dry runs take candidate rules files, larger than any other admin body (the console's as a form). */
    static final List<String> DRY_RUNS =
            List.of("/api/tiers/dry-run", "/api/engagement/dry-run", ConsolePaths.ROOT + "/tiers/dry-run");

    private static final List<String> WEBHOOKS =
            List.of("/webhooks/prm", "/webhooks/salesforce", "/webhooks/salesforce/outbound-message");

    private final AdminProperties properties;
    private final ObjectMapper json;

    AdminBodyLimitFilter(AdminProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return WEBHOOKS.contains(UrlPathHelper.defaultInstance.getLookupPathForRequest(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean dryRun = DRY_RUNS.contains(UrlPathHelper.defaultInstance.getLookupPathForRequest(request));
        long limit = (dryRun ? properties.maxDryRunSize() : properties.maxBodySize()).toBytes();
        String setting = dryRun ? "prm-sync.admin.max-dry-run-size" : "prm-sync.admin.max-body-size";
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit, setting);
            return;
        }
        // A form's parameters are parsed from the servlet's own stream, so it is left unread; Tomcat bounds a form
        // of unknown length (server.tomcat.max-http-form-post-size).
        if (declared == 0 || isForm(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) {
            refuse(request, response, limit, setting);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit, String setting)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + limit + "-byte limit of " + request.getMethod() + " "
                        + UrlPathHelper.defaultInstance.getLookupPathForRequest(request) + " (" + setting + ")");
        problem.setProperty("limit", limit);
        FilterProblems.send(request, response, problem, json);
    }
}
