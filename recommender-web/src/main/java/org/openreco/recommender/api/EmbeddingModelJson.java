package org.openreco.recommender.api;

import java.util.Locale;
import org.openreco.recommender.embedding.boundary.EmbeddingModels.ModelState;

public record EmbeddingModelJson(String name, int dimensions, String pooling, boolean loaded) {

    static EmbeddingModelJson of(ModelState state) {
        var model = state.model();
        return new EmbeddingModelJson(model.modelName(), model.dimensions(),
                model.pooling().name().toLowerCase(Locale.ROOT), state.loaded());
    }
}
