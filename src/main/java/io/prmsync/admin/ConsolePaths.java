package io.prmsync.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The paths of the browser console, which logs its admins in itself (a session, not a bearer token on every
 * request). One predicate, used by {@link AdminTokenFilter} to step aside and by the console's own access filter to
 * step in, so no path can fall between the two.
 */
public final class ConsolePaths {

    public static final String ROOT = "/console";

    private ConsolePaths() {}

    /** Whether the request is for the console, judged on the path as Spring MVC resolves it. */
    public static boolean isConsole(HttpServletRequest request) {
        String path = lookupPath(request);
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** The path decoded and without {@code ;parameters}, as Spring MVC matches it. */
    public static String lookupPath(HttpServletRequest request) {
        return UrlPathHelper.defaultInstance.getLookupPathForRequest(request);
    }
}
