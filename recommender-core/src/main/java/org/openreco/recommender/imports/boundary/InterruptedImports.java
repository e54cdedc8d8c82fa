package org.openreco.recommender.imports.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.imports.control.ImportLedger;

/**
 * At start-up, closes the imports this server was running when it stopped without finishing them (a
 * crash, kill -9, power loss): nothing runs them any more, so they are marked failed and restartable
 * ({@link Imports#restart}). Only this node's imports (import_run.node = jboss.node.name): in a cluster
 * another node's interrupted imports are recovered when that node starts again.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedImports {

    private static final Logger LOG = Logger.getLogger(InterruptedImports.class.getName());

    @Inject
    ImportLedger ledger;

    @PostConstruct
    void recover() {
        for (Object[] row : ledger.unfinishedOfThisNode()) {
            long id = ((Number) row[0]).longValue();
            try {
                if (row[1] != null && batchStatus(((Number) row[1]).longValue()) == BatchStatus.COMPLETED) {
                    ledger.finish(id, "completed", null);
                } else {
                    ledger.finish(id, "failed", "interrupted by a server restart"
                            + (row[1] == null ? " before its job started" : "; restart it to continue from its last checkpoint"));
                    LOG.warning("import " + id + " was interrupted by a server restart and is marked failed"
                            + (row[1] == null ? "" : " (restartable)"));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not recover import " + id, e);
            }
        }
    }

    private static BatchStatus batchStatus(long execution) {
        try {
            return BatchRuntime.getJobOperator().getJobExecution(execution).getBatchStatus();
        } catch (NoSuchJobExecutionException e) {
            return null;
        }
    }
}
