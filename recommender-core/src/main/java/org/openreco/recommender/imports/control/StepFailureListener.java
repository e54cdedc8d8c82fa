package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Records why a step failed (an unreadable file, a boundary error) on the import, in its own transaction. */
@Named
@Dependent
public class StepFailureListener implements StepListener {

    @Inject
    @BatchProperty
    String importId;

    @Inject
    StepContext step;

    @Inject
    ImportLedger ledger;

    @Override
    public void beforeStep() {
    }

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure != null) {
            ledger.fail(Long.parseLong(importId), step.getStepName() + ": " + describe(failure));
        }
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (" + cause + ")";
    }
}
