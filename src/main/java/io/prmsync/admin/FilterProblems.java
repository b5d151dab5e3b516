package io.prmsync.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Problem details answered by a servlet filter, which runs before Spring MVC's error handling could write them. */
final class FilterProblems {

    private FilterProblems() {}

    static void send(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem, ObjectMapper json)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
