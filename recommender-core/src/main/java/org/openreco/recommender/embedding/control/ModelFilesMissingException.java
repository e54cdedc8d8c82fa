package org.openreco.recommender.embedding.control;

import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/** A model cannot be loaded because its files are not where the server expects them: a deployment fault. */
public class ModelFilesMissingException extends IllegalStateException {

    public ModelFilesMissingException(EmbeddingModel model, String reason) {
        super("the files of embedding model '" + model.modelName() + "' are missing: " + reason);
    }
}
