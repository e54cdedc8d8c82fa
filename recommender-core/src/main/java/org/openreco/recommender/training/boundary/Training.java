package org.openreco.recommender.training.boundary;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.training.control.ModelVersions;
import org.openreco.recommender.training.control.TrainingRun;
import org.openreco.recommender.training.control.Transacted;

/**
 * Trains, lists and activates a catalogue's collaborative models. A training is a Jakarta Batch job
 * (training.xml) for one model version row; starting runs outside a transaction so that the version
 * row is committed before the job's thread reads it. Activation retires the active version in the
 * same transaction; a retired version whose factors are still kept can be activated again (roll back).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Training {

    public static final Set<String> TRIGGERS = Set.of("api", "console", "schedule");
    public static final int MAX_HISTORY = 200;

    @Inject
    Catalogues catalogues;

    @Inject
    Event<CatalogueChanged> catalogueChanged;

    @Inject
    Transactions transactions;

    /** Starts a training as a batch job for a new model version (status training); 409 when one is running. */
    public ModelVersion start(String catalogue, TrainingRequest request, String triggeredBy) {
        long catalogueId = catalogues.ref(catalogue).id();
        TrainingRequest valid = (request == null ? TrainingRequest.defaults() : request).validated();
        if (triggeredBy == null || !TRIGGERS.contains(triggeredBy)) {
            throw new InvalidInputException("triggeredBy", "must be one of api, console, schedule");
        }
        String parameters = TrainingRun.parameters(valid, null).toString();
        long id = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogueId, parameters, triggeredBy));
        try {
            var job = new Properties();
            job.setProperty("modelVersionId", Long.toString(id));
            long execution = BatchRuntime.getJobOperator().start("training", job);
            Transacted.inNew(transactions, c -> {
                new ModelVersions(c).jobExecution(id, execution);
                return null;
            });
        } catch (RuntimeException e) {
            Transacted.inNew(transactions, c -> new ModelVersions(c).fail(id, "the training job could not start: " + e.getMessage()));
            throw e;
        }
        return get(catalogue, id);
    }

    /** The catalogue's model versions, newest first. */
    public List<ModelVersion> history(String catalogue, int limit) {
        long catalogueId = catalogues.ref(catalogue).id();
        int rows = Math.clamp(limit, 1, MAX_HISTORY);
        return Transacted.inNew(transactions, c -> new ModelVersions(c).history(catalogueId, rows));
    }

    public ModelVersion get(String catalogue, long id) {
        long catalogueId = catalogues.ref(catalogue).id();
        return Transacted.inNew(transactions, c -> new ModelVersions(c).find(catalogueId, id))
                .orElseThrow(() -> notFound(catalogue, id));
    }

    /** Activates a trained or retired version (re-activation, roll back), retiring the active one; 409 otherwise. */
    public ModelVersion activate(String catalogue, long id) {
        long catalogueId = catalogues.ref(catalogue).id();
        Transacted.inNew(transactions, c -> {
            var versions = new ModelVersions(c);
            if (versions.find(catalogueId, id).isEmpty()) {
                throw notFound(catalogue, id);
            }
            versions.activate(catalogueId, id);
            return null;
        });
        catalogueChanged.fire(new CatalogueChanged(catalogueId, "model version " + id + " activated"));
        return get(catalogue, id);
    }

    public Optional<ModelVersion> active(String catalogue) {
        long catalogueId = catalogues.ref(catalogue).id();
        return Transacted.inNew(transactions, c -> new ModelVersions(c).active(catalogueId));
    }

    private static NotFoundException notFound(String catalogue, long id) {
        return new NotFoundException("model version " + id + " of catalogue '" + catalogue + "' does not exist");
    }
}
