package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.api.chunk.listener.SkipReadListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Puts each skipped record (unreadable, or invalid for its kind) into the import's error report. */
@Named
@Dependent
public class RejectionListener implements SkipReadListener, SkipProcessListener {

    @Inject
    @BatchProperty
    String importId;

    @Inject
    StepContext step;

    @Inject
    ImportLedger ledger;

    @Override
    public void onSkipReadItem(Exception e) {
        record((RecordRejected) e);
    }

    @Override
    public void onSkipProcessItem(Object item, Exception e) {
        record((RecordRejected) e);
    }

    private void record(RecordRejected rejected) {
        ((Progress) step.getTransientUserData()).rejected++;
        ledger.reject(Long.parseLong(importId), rejected.line(), rejected.field(), rejected.reason());
    }
}
