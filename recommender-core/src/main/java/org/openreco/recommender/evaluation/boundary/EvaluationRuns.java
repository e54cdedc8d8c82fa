package org.openreco.recommender.evaluation.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import org.openreco.recommender.training.boundary.TrainingRequest;

/** A catalogue's stored evaluation runs (work in progress: bodies follow). */
@Stateless
public class EvaluationRuns {

    /** The catalogue's runs, newest first. */
    public List<EvaluationRun> list(String catalogue, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    public EvaluationRun get(String catalogue, long id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Starts a stand-alone evaluation (no model stored); the run is returned while it is running. */
    public EvaluationRun start(String catalogue, TrainingRequest request) {
        throw new UnsupportedOperationException("not yet");
    }
}
