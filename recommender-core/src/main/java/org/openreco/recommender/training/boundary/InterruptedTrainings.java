package org.openreco.recommender.training.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.evaluation.control.EvaluationStore;
import org.openreco.recommender.platform.boundary.ServerNode;
import org.openreco.recommender.training.control.ModelStore;
import org.openreco.recommender.training.control.ModelVersions;

/**
 * At start-up, fails the trainings and evaluations this server was running when it stopped: nothing
 * runs them any more (a training is not restartable, it is simply started again). Their partial factor
 * rows are removed; the active model keeps serving. Like {@code InterruptedImports}, only this node's
 * ({@link ServerNode}): in a cluster another node's trainings are still running.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedTrainings {

    private static final Logger LOG = Logger.getLogger(InterruptedTrainings.class.getName());
    static final String INTERRUPTED = "interrupted by a server restart; start the training again";

    @Inject
    Transactions transactions;

    @PostConstruct
    void recover() {
        try {
            var failed = transactions.inNew(c -> new ModelVersions(c).failInterrupted(ServerNode.name(), INTERRUPTED));
            failed.forEach(id -> new ModelStore(transactions).remove(id));
            int runs = transactions.inNew(c -> new EvaluationStore(c).failInterrupted(ServerNode.name(),
                    "interrupted by a server restart; start the evaluation again"));
            if (!failed.isEmpty() || runs > 0) {
                LOG.warning("a server restart interrupted model versions " + failed + " and " + runs
                        + " evaluation runs: marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not fail the trainings a restart interrupted", e);
        }
    }
}
