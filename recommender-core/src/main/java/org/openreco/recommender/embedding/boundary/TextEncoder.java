package org.openreco.recommender.embedding.boundary;

import java.util.List;

/**
 * The one seam to the language model: texts in, unit-length vectors out (cosine similarity is then
 * the dot product). Implementations load each model once and are safe for concurrent callers.
 */
public interface TextEncoder {

    /** One vector of {@code model.dimensions()} floats per text, in the order given. */
    List<float[]> encode(EmbeddingModel model, List<String> texts);

    default float[] encode(EmbeddingModel model, String text) {
        return encode(model, List.of(text)).getFirst();
    }
}
