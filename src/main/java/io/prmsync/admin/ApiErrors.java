package io.prmsync.admin;

import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.FlowStoppedException;
import io.prmsync.sync.run.UnknownFlowException;
import io.prmsync.yaml.ConfigInvalidException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Admin API errors as RFC 9457 problem details whose detail says what to change. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(UnknownFlowException.class)
    ProblemDetail unknownFlow(UnknownFlowException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(FlowBusyException.class)
    ProblemDetail busy(FlowBusyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(FlowStoppedException.class)
    ProblemDetail stopped(FlowStoppedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Candidate rules that do not validate: every problem, with line and key, in the detail. */
    @ExceptionHandler(ConfigInvalidException.class)
    ProblemDetail invalidConfig(ConfigInvalidException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
