package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Marks the import finished when its job ends (a step failure recorded before stays a failure). */
@Named
@Dependent
public class ImportJobListener implements JobListener {

    @Inject
    @BatchProperty
    String importId;

    @Inject
    ImportLedger ledger;

    @Override
    public void beforeJob() {
    }

    @Override
    public void afterJob() {
        ledger.finish(Long.parseLong(importId), "completed", null);
    }
}
