package io.prmsync.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a refused start as Spring Boot's "APPLICATION FAILED TO START" report (description, action) instead of a
 * stack trace an operator has to dig the reason out of.
 */
class StartRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartRefusedException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
