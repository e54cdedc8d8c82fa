package org.openreco.recommender.embedding.control;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.translator.TextEmbeddingTranslatorFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;

/**
 * The language models, run in-process by DJL on ONNX Runtime with the HuggingFace tokenizer. Each model
 * is loaded on first use and then shared by every caller; each call gets its own predictor (predictors
 * are not thread-safe, the model is). Bean-managed concurrency: the container's default write lock would
 * let one caller encode at a time.
 *
 * <p>Outside the server (tests, benchmarks) it is a plain object: {@code new DjlTextEncoder(modelsDir)},
 * closed with {@link #close()}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Local(TextEncoder.class)
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DjlTextEncoder implements TextEncoder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DjlTextEncoder.class.getName());
    /** Texts per model call: larger batches gained nothing on 2 cores and pad more (STACK.md, BENCHMARKS.md). */
    static final int BATCH_SIZE = 16;

    private final ModelFiles files;
    private final int batchSize;
    private final ConcurrentMap<EmbeddingModel, ZooModel<String, float[]>> loaded = new ConcurrentHashMap<>();

    /** The server's: the models folder from the system property {@value ModelFiles#PROPERTY}. */
    public DjlTextEncoder() {
        this(ModelFiles.fromSystemProperty(), BATCH_SIZE);
    }

    public DjlTextEncoder(Path modelsDir) {
        this(new ModelFiles(modelsDir), BATCH_SIZE);
    }

    /** For measurements: another number of texts per model call. */
    public DjlTextEncoder(Path modelsDir, int batchSize) {
        this(new ModelFiles(modelsDir), batchSize);
    }

    private DjlTextEncoder(ModelFiles files, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.files = files;
        this.batchSize = batchSize;
    }

    @Override
    public List<float[]> encode(EmbeddingModel model, List<String> texts) {
        Objects.requireNonNull(model, "model");
        if (texts.isEmpty()) {
            return List.of();
        }
        texts.forEach(text -> Objects.requireNonNull(text, "a text to encode is null"));
        var vectors = new float[texts.size()][];
        try (var predictor = model(model).newPredictor()) {
            for (int[] batch : LengthBatches.of(texts, batchSize)) {
                List<String> inputs = Arrays.stream(batch).mapToObj(texts::get).toList();
                List<float[]> outputs = predictor.batchPredict(inputs);
                for (int i = 0; i < batch.length; i++) {
                    vectors[batch[i]] = outputs.get(i);
                }
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding model '" + model.modelName() + "' failed to encode "
                    + texts.size() + " texts: " + e.getMessage(), e);
        }
        return Arrays.asList(vectors);
    }

    /** Whether the model is in memory (loaded by an earlier call). */
    public boolean isLoaded(EmbeddingModel model) {
        return loaded.containsKey(model);
    }

    /** Loads the model now rather than on its first call; throws when its files are missing. */
    public void load(EmbeddingModel model) {
        model(model);
    }

    @PreDestroy
    @Override
    public void close() {
        // the models' native memory (ONNX Runtime sessions, tokenizers) is outside the heap: free it on undeploy
        loaded.values().forEach(ZooModel::close);
        loaded.clear();
    }

    private ZooModel<String, float[]> model(EmbeddingModel model) {
        // computeIfAbsent loads each model once; callers of that model wait for the load (about 1 s)
        return loaded.computeIfAbsent(model, this::loadModel);
    }

    private ZooModel<String, float[]> loadModel(EmbeddingModel model) {
        Path folder = files.folderOf(model);
        long started = System.nanoTime();
        var criteria = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelPath(folder)
                .optModelName("model")
                .optEngine("OnnxRuntime")
                .optTranslatorFactory(new TextEmbeddingTranslatorFactory())
                .optArgument("pooling", model.pooling().name().toLowerCase(Locale.ROOT))
                .optArgument("normalize", "true")
                // the ONNX graphs take token_type_ids as a third input
                .optArgument("includeTokenTypes", "true")
                // pad each batch to its longest text, cut texts at the length the model was trained on
                .optArgument("padding", "true")
                .optArgument("truncation", "true")
                .optArgument("maxLength", String.valueOf(maxTokens(model)))
                .build();
        try {
            var zooModel = criteria.loadModel();
            LOG.info(() -> "embedding model '" + model.modelName() + "' loaded from " + folder + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return zooModel;
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("embedding model '" + model.modelName() + "' could not be loaded from "
                    + folder + ": " + e.getMessage(), e);
        }
    }

    /** The longest input each model was trained on, in tokens; longer texts are cut. */
    static int maxTokens(EmbeddingModel model) {
        return switch (model) {
            case MINILM, MINILM_Q -> 256;
            case BGE_SMALL_ZH -> 512;
        };
    }
}
