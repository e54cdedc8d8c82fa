package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/**
 * The real models, run as the server runs them, outside the server: the encoder is a plain object here,
 * its models folder (target/models, unpacked by the build) named by the system property failsafe sets.
 */
class TextEncoderIT {

    static final String WEATHER = "The weather is lovely today.";
    static final String SUNNY = "It's so sunny outside!";

    static DjlTextEncoder encoder;

    @BeforeAll
    static void loadTheModelsLazily() {
        encoder = new DjlTextEncoder();
    }

    @AfterAll
    static void freeTheModels() {
        encoder.close();
    }

    @Test
    void minilm_reproduces_the_cosine_sentence_transformers_publishes() {
        var vectors = encoder.encode(EmbeddingModel.MINILM, List.of(WEATHER, SUNNY));

        assertEquals(0.6660, cosine(vectors.get(0), vectors.get(1)), 0.001);
    }

    @Test
    void a_text_encodes_alike_alone_and_amid_longer_and_shorter_texts_and_comes_back_in_place() {
        float[] alone = encoder.encode(EmbeddingModel.MINILM, SUNNY);
        var texts = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            texts.add(i % 3 == 0 ? "Lamp " + i : "A sturdy oak desk with two drawers and a cable tray, model " + i + ". ".repeat(i % 5));
        }
        texts.add(23, SUNNY);

        var vectors = encoder.encode(EmbeddingModel.MINILM, texts);

        assertEquals(texts.size(), vectors.size());
        assertEquals(1.0, cosine(alone, vectors.get(23)), 1e-5, "the same vector at the text's own position");
        for (int i = 0; i < alone.length; i++) {
            assertEquals(alone[i], vectors.get(23)[i], 1e-4f, "component " + i);
        }
        assertEquals(1.0, cosine(encoder.encode(EmbeddingModel.MINILM, texts.get(0)), vectors.get(0)), 1e-5);
        assertEquals(1.0, cosine(encoder.encode(EmbeddingModel.MINILM, texts.get(40)), vectors.get(40)), 1e-5);
    }

    @Test
    void every_model_gives_unit_vectors_of_its_dimensions() {
        for (var model : EmbeddingModel.values()) {
            var vectors = encoder.encode(model, List.of("a desk lamp", "一盏台灯", ""));

            assertEquals(3, vectors.size());
            for (float[] vector : vectors) {
                assertEquals(model.dimensions(), vector.length, model.modelName());
                assertEquals(1.0, Math.sqrt(dot(vector, vector)), 1e-4, model.modelName());
            }
            assertTrue(encoder.isLoaded(model));
        }
    }

    @Test
    void the_chinese_model_ranks_a_related_sentence_above_an_unrelated_one() {
        var zh = EmbeddingModel.BGE_SMALL_ZH;
        // "the weather is very good today" — "the sun is bright today" vs "I like eating apples"
        var weather = encoder.encode(zh, List.of("今天天气很好", "今天阳光明媚", "我喜欢吃苹果"));
        // "how do I cook rice" — "the way to make rice" vs "tomorrow's flight is delayed"
        var rice = encoder.encode(zh, List.of("怎么煮米饭", "米饭的做法", "明天的航班延误了"));

        assertTrue(cosine(weather.get(0), weather.get(1)) > cosine(weather.get(0), weather.get(2)) + 0.1,
                "weather: " + cosine(weather.get(0), weather.get(1)) + " vs " + cosine(weather.get(0), weather.get(2)));
        assertTrue(cosine(rice.get(0), rice.get(1)) > cosine(rice.get(0), rice.get(2)) + 0.1,
                "rice: " + cosine(rice.get(0), rice.get(1)) + " vs " + cosine(rice.get(0), rice.get(2)));
    }

    @Test
    void the_quantized_minilm_stays_close_to_the_full_precision_one() {
        var texts = List.of(WEATHER, SUNNY, "Stainless steel chef's knife, 20 cm", "A thriller about a heist in Lisbon");

        var full = encoder.encode(EmbeddingModel.MINILM, texts);
        var quantized = encoder.encode(EmbeddingModel.MINILM_Q, texts);

        for (int i = 0; i < texts.size(); i++) {
            double similarity = cosine(full.get(i), quantized.get(i));
            assertTrue(similarity > 0.95, texts.get(i) + ": " + similarity);
        }
    }

    @Test
    void concurrent_callers_share_the_model_and_get_the_same_vectors() throws Exception {
        float[] expected = encoder.encode(EmbeddingModel.MINILM, WEATHER);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var results = new ArrayList<Future<List<float[]>>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> encoder.encode(EmbeddingModel.MINILM, List.of("Lamp", WEATHER, SUNNY + " " + SUNNY))));
            }
            for (var result : results) {
                assertEquals(1.0, cosine(expected, result.get().get(1)), 1e-5);
            }
        }
    }

    @Test
    void nothing_to_encode_loads_nothing() {
        try (var fresh = new DjlTextEncoder()) {
            assertEquals(List.of(), fresh.encode(EmbeddingModel.BGE_SMALL_ZH, List.of()));
            assertFalse(fresh.isLoaded(EmbeddingModel.BGE_SMALL_ZH));
        }
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
