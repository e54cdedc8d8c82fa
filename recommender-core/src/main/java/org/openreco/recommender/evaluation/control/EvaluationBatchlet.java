package org.openreco.recommender.evaluation.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.StringReader;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.training.control.TrainingRun;

/** The step of the evaluation job: one stand-alone evaluation run (no model stored). */
@Named
@Dependent
public class EvaluationBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String catalogueId;

    @Inject
    @BatchProperty
    String evaluationRunId;

    /** The validated request as contract parameters JSON. */
    @Inject
    @BatchProperty
    String parameters;

    @Inject
    Transactions transactions;

    @Override
    public String process() {
        try (var reader = Json.createReader(new StringReader(parameters))) {
            new TrainingRun(transactions, 0).evaluate(Long.parseLong(catalogueId), Long.parseLong(evaluationRunId),
                    TrainingRun.request(reader.readObject()));
        }
        return "done";
    }
}
