package org.openreco.recommender.evaluation.boundary;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.evaluation.control.EvaluationStore;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.TrainingRun;
import org.openreco.recommender.training.control.Transacted;

/**
 * A catalogue's stored evaluation runs: those of its trainings and stand-alone ones, which run as the
 * batch job evaluation.xml and store no model.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EvaluationRuns {

    public static final int MAX_LIST = 200;

    @Inject
    Catalogues catalogues;

    @Inject
    Transactions transactions;

    /** The catalogue's runs, newest first. */
    public List<EvaluationRun> list(String catalogue, int limit) {
        long catalogueId = catalogues.ref(catalogue).id();
        int rows = Math.clamp(limit, 1, MAX_LIST);
        return Transacted.inNew(transactions, c -> new EvaluationStore(c).list(catalogueId, rows));
    }

    public EvaluationRun get(String catalogue, long id) {
        long catalogueId = catalogues.ref(catalogue).id();
        return Transacted.inNew(transactions, c -> new EvaluationStore(c).find(catalogueId, id))
                .orElseThrow(() -> new NotFoundException("evaluation run " + id + " of catalogue '" + catalogue
                        + "' does not exist"));
    }

    /** Starts a stand-alone evaluation (no model stored); the run is returned while it is running. */
    public EvaluationRun start(String catalogue, TrainingRequest request) {
        long catalogueId = catalogues.ref(catalogue).id();
        TrainingRequest valid = (request == null ? TrainingRequest.defaults() : request).validated();
        long id = Transacted.inNew(transactions,
                c -> new EvaluationStore(c).open(catalogueId, null, TrainingRun.split(valid), valid.k()));
        try {
            var job = new Properties();
            job.setProperty("catalogueId", Long.toString(catalogueId));
            job.setProperty("evaluationRunId", Long.toString(id));
            job.setProperty("parameters", TrainingRun.parameters(valid, null).toString());
            BatchRuntime.getJobOperator().start("evaluation", job);
        } catch (RuntimeException e) {
            Transacted.inNew(transactions, c -> {
                new EvaluationStore(c).fail(id, "the evaluation job could not start: " + e.getMessage());
                return null;
            });
            throw e;
        }
        return get(catalogue, id);
    }
}
