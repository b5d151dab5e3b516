package io.prmsync.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request whose caller showed the admin token (or the basic credentials): it carries a principal in the
 * {@value #ROLE} role, which is what Spring Boot's {@code management.endpoint.health.show-details: when-authorized}
 * asks the servlet request for (there is no Spring Security here to ask).
 */
final class AdminRequest extends HttpServletRequestWrapper {

    /** The role {@code management.endpoint.health.roles} names. */
    static final String ROLE = "prm-sync-admin";

    private static final Principal ADMIN = () -> "admin";

    AdminRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public Principal getUserPrincipal() {
        return ADMIN;
    }

    @Override
    public String getRemoteUser() {
        return ADMIN.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return ROLE.equals(role);
    }
}
