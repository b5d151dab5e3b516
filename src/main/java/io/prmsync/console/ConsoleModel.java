package io.prmsync.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every console page the session's CSRF token for its forms' hidden field. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("csrf")
    String csrf(HttpServletRequest request) {
        return ConsoleSession.csrfToken(request);
    }
}
