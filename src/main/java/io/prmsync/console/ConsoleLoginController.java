package io.prmsync.console;

import io.prmsync.admin.AdminTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Logs an admin in with what the admin API accepts (checked by {@link AdminTokens}, constant-time): the admin token,
 * or the basic user name and password when those are configured; and out again.
 */
@Controller
class ConsoleLoginController {

    private final AdminTokens tokens;
    private final LoginThrottle throttle;

    ConsoleLoginController(AdminTokens tokens, LoginThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @GetMapping("/console/login")
    String form(Model model) {
        model.addAttribute("basic", tokens.basicConfigured());
        return "console/login";
    }

    @PostMapping("/console/login")
    String logIn(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("basic", tokens.basicConfigured());
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = throttle.blockedFor(address);
        if (blocked.isPresent()) {
            response.setStatus(429);
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, blocked.get().toSeconds())));
            model.addAttribute("error", "Too many failed logins from this address: try again in a minute.");
            return "console/login";
        }
        boolean byCredentials = !username.isEmpty();
        boolean accepted = byCredentials ? tokens.acceptsBasic(username + ":" + password) : tokens.accepts(token);
        if (!accepted) {
            throttle.failed(address);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute(
                    "error",
                    byCredentials ? "That user name and password are not the admin's." : "That is not an admin token.");
            return "console/login";
        }
        ConsoleSession.logIn(request);
        return "redirect:/console";
    }

    @PostMapping("/console/logout")
    String logOut(HttpServletRequest request) {
        ConsoleSession.logOut(request);
        return "redirect:/console/login?loggedOut";
    }
}
