package org.openreco.recommender.embedding.boundary;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sentence-embedding models the platform runs, each with its own vector tables (V030): vectors of
 * different models never share an index. The name is what a catalogue's settings select.
 */
public enum EmbeddingModel {

    /** all-MiniLM-L6-v2, fp32: the default; reproduces sentence-transformers' published cosines. */
    MINILM("all-minilm-l6-v2", 384, Pooling.MEAN, "minilm"),
    /** all-MiniLM-L6-v2, int8-quantized: about twice as fast, vectors shift slightly with padding. */
    MINILM_Q("all-minilm-l6-v2-q", 384, Pooling.MEAN, "minilm_q"),
    /** BAAI bge-small-zh-v1.5: for Chinese catalogues. */
    BGE_SMALL_ZH("bge-small-zh-v15", 512, Pooling.CLS, "bge_zh");

    public enum Pooling { MEAN, CLS }

    private final String modelName;
    private final int dimensions;
    private final Pooling pooling;
    private final String tableSuffix;

    EmbeddingModel(String modelName, int dimensions, Pooling pooling, String tableSuffix) {
        this.modelName = modelName;
        this.dimensions = dimensions;
        this.pooling = pooling;
        this.tableSuffix = tableSuffix;
    }

    /** The name in catalogue settings, in embedding_generation.model and in the model's artifact. */
    public String modelName() {
        return modelName;
    }

    public int dimensions() {
        return dimensions;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** item_vector_… : the item vectors of this model (a fixed identifier, safe to put in SQL). */
    public String itemTable() {
        return "item_vector_" + tableSuffix;
    }

    /** user_vector_… : the user vectors of this model (a fixed identifier, safe to put in SQL). */
    public String userTable() {
        return "user_vector_" + tableSuffix;
    }

    public static Optional<EmbeddingModel> named(String modelName) {
        return Arrays.stream(values()).filter(m -> m.modelName.equals(modelName)).findFirst();
    }
}
