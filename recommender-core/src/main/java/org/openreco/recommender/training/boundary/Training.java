package org.openreco.recommender.training.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Optional;

/** Trains, lists and activates a catalogue's collaborative models (work in progress: bodies follow). */
@Stateless
public class Training {

    /** Starts a training as a batch job for a new model version (status training); 409 when one is running. */
    public ModelVersion start(String catalogue, TrainingRequest request, String triggeredBy) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The catalogue's model versions, newest first. */
    public List<ModelVersion> history(String catalogue, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    public ModelVersion get(String catalogue, long id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Activates a trained or retired version (re-activation, roll back), retiring the active one; 409 otherwise. */
    public ModelVersion activate(String catalogue, long id) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<ModelVersion> active(String catalogue) {
        throw new UnsupportedOperationException("not yet");
    }
}
