package org.openreco.recommender.training.control;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.platform.boundary.CatalogueChanged;

/** The step of the training job: trains one model version (its outcome is recorded on the version). */
@Named
@Dependent
public class TrainingBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String modelVersionId;

    @Inject
    Transactions transactions;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Event<CatalogueChanged> catalogueChanged;

    @Override
    public String process() {
        long versionId = Long.parseLong(modelVersionId);
        new TrainingRun(transactions, 0, executor).train(versionId).ifPresent(catalogueId ->
                catalogueChanged.fire(new CatalogueChanged(catalogueId, "model version " + versionId + " trained and activated")));
        return "done";
    }
}
