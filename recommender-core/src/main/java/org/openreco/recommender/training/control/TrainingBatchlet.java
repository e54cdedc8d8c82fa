package org.openreco.recommender.training.control;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openreco.recommender.embedding.control.Transactions;

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

    @Override
    public String process() {
        new TrainingRun(transactions, 0, executor).train(Long.parseLong(modelVersionId));
        return "done";
    }
}
