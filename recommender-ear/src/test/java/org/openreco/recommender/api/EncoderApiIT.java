package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The language model inside the deployed server: the admin's embedding-model endpoints, and the encoder
 * surviving redeploys (DJL, the tokenizers and ONNX Runtime are a server module, so their native
 * libraries stay loaded once per JVM while the application's classes are replaced).
 */
class EncoderApiIT {

    static final String MODELS = "/api/v1/embedding-models";
    static final String WEATHER = "The weather is lovely today.";
    static final String SUNNY = "It's so sunny outside!";

    @Test
    void the_models_are_listed_with_their_dimensions_and_pooling() {
        var reply = Api.get(MODELS);

        assertEquals(200, reply.status(), reply.body());
        var models = reply.array().getValuesAs(JsonObject.class);
        var minilm = models.stream().filter(m -> m.getString("name").equals("all-minilm-l6-v2")).findFirst().orElseThrow();
        assertEquals(384, minilm.getInt("dimensions"));
        assertEquals("mean", minilm.getString("pooling"));
        var zh = models.stream().filter(m -> m.getString("name").equals("bge-small-zh-v15")).findFirst().orElseThrow();
        assertEquals(512, zh.getInt("dimensions"));
        assertEquals("cls", zh.getString("pooling"));
        assertTrue(models.stream().anyMatch(m -> m.getString("name").equals("all-minilm-l6-v2-q")));
        assertTrue(models.stream().allMatch(m -> m.containsKey("loaded")));
    }

    @Test
    void the_encoder_in_the_server_reproduces_the_reference_cosine() {
        var encoded = encode("all-minilm-l6-v2", List.of(WEATHER, SUNNY));

        assertEquals("all-minilm-l6-v2", encoded.getString("model"));
        assertEquals(384, encoded.getInt("dimensions"));
        var vectors = vectors(encoded);
        assertEquals(2, vectors.size());
        assertEquals(384, vectors.get(0).length);
        assertEquals(1.0, Math.sqrt(dot(vectors.get(0), vectors.get(0))), 1e-4);
        assertEquals(0.6660, dot(vectors.get(0), vectors.get(1)), 0.001);
    }

    @Test
    void bad_input_is_refused_with_json_naming_the_field() {
        assertRefused(404, "not_found", null, post("no-such-model", List.of(WEATHER)));
        assertRefused(400, "invalid", "texts", Api.post(MODELS + "/all-minilm-l6-v2:encode", "{\"texts\":[]}"));
        assertRefused(400, "invalid", "texts", Api.post(MODELS + "/all-minilm-l6-v2:encode", "{}"));
        assertRefused(400, "invalid", "texts", post("all-minilm-l6-v2", Collections.nCopies(65, "lamp")));
        assertRefused(400, "invalid", "texts[1]", post("all-minilm-l6-v2", List.of("lamp", "x".repeat(16_385))));
        assertRefused(400, "invalid", "texts[2]", Api.post(MODELS + "/all-minilm-l6-v2:encode", "{\"texts\":[\"a\",\"b\",null]}"));
        assertRefused(400, "malformed_json", null, Api.post(MODELS + "/all-minilm-l6-v2:encode", "{\"texts\": "));
        var anonymous = Api.as(null, null, MODELS);
        assertEquals(401, anonymous.status(), anonymous.body());
    }

    @Test
    void the_encoder_keeps_working_across_two_redeploys() throws Exception {
        float[] before = vectors(encode("all-minilm-l6-v2", List.of(SUNNY))).getFirst();
        assertTrue(loaded("all-minilm-l6-v2"));

        for (int redeploy = 1; redeploy <= 2; redeploy++) {
            ServerDeployment.redeploy();

            assertFalse(loaded("all-minilm-l6-v2"), "a fresh application after redeploy " + redeploy + " loads the model anew");
            var vectors = vectors(encode("all-minilm-l6-v2", List.of(WEATHER, SUNNY)));
            assertArrayEquals(before, vectors.get(1), 1e-6f, "the same vector after redeploy " + redeploy);
            assertEquals(0.6660, dot(vectors.get(0), vectors.get(1)), 0.001);
            assertTrue(loaded("all-minilm-l6-v2"));
        }
        // the Chinese model too: its tokenizer is another native handle of the same, still loaded, library
        var zh = vectors(encode("bge-small-zh-v15", List.of("今天天气很好")));
        assertEquals(512, zh.getFirst().length);
    }

    private static boolean loaded(String model) {
        return Api.get(MODELS).array().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("name").equals(model))
                .findFirst().orElseThrow()
                .getBoolean("loaded");
    }

    private static JsonObject encode(String model, List<String> texts) {
        var reply = post(model, texts);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static Api.Reply post(String model, List<String> texts) {
        var body = Json.createObjectBuilder().add("texts", Json.createArrayBuilder(texts)).build();
        return Api.post(MODELS + "/" + model + ":encode", body.toString());
    }

    private static List<float[]> vectors(JsonObject encoded) {
        return encoded.getJsonArray("vectors").getValuesAs(JsonArray.class).stream()
                .map(EncoderApiIT::floats)
                .toList();
    }

    private static float[] floats(JsonArray array) {
        var values = array.getValuesAs(JsonNumber.class);
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) values.get(i).doubleValue();
        }
        return floats;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static void assertRefused(int status, String error, String field, Api.Reply reply) {
        var json = Problems.assertProblem(reply, status, error);
        if (field == null) {
            assertTrue(!json.containsKey("field") || json.isNull("field"), reply.body());
        } else {
            assertEquals(field, json.getString("field"), reply.body());
        }
    }
}
