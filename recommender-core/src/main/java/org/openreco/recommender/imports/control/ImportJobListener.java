package org.openreco.recommender.imports.control;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Marks the import finished when its job ends (a step failure recorded before stays a failure) and
 * removes an uploaded source file, unless the import can be restarted: a restart reads that file again
 * (and removes it when it ends); the nightly clean-up removes uploads left behind.
 */
@Named
@Dependent
public class ImportJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(ImportJobListener.class.getName());

    @Inject
    @BatchProperty
    String importId;

    @Inject
    @BatchProperty
    String path;

    @Inject
    @BatchProperty
    String removeWhenDone;

    @Inject
    ImportLedger ledger;

    @Override
    public void beforeJob() {
    }

    @Override
    public void afterJob() {
        long id = Long.parseLong(importId);
        ledger.finish(id, "completed", null);
        if (Boolean.parseBoolean(removeWhenDone) && !ledger.restartable(id)) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove the uploaded file " + path, e);
            }
        }
    }
}
