package org.openreco.recommender.embedding.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;

/**
 * A stand-in for the language model in the database tests: each text gets a fixed pseudo-random unit
 * vector of the model's size (the same text, the same vector), texts are counted, and a text containing
 * POISON fails the whole call, as a model error would; while {@link #down} every call fails, as during an outage.
 */
final class FakeEncoder implements TextEncoder {

    final AtomicInteger texts = new AtomicInteger();
    volatile boolean down;

    @Override
    public List<float[]> encode(EmbeddingModel model, List<String> batch) {
        if (down) {
            throw new IllegalStateException("the encoder is down");
        }
        List<float[]> vectors = new ArrayList<>(batch.size());
        for (String text : batch) {
            if (text.contains("POISON")) {
                throw new IllegalArgumentException("cannot encode '" + text + "'");
            }
            vectors.add(vector(model, text));
        }
        texts.addAndGet(batch.size());
        return vectors;
    }

    static float[] vector(EmbeddingModel model, String text) {
        var random = new Random(text.hashCode() * 31L + model.ordinal());
        float[] v = new float[model.dimensions()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
