package org.openreco.recommender.catalog.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings rules and the weight arithmetic, without a database. */
class CatalogueSettingsTest {

    private static final String M = "all-minilm-l6-v2";

    @Test
    void the_defaults_are_valid_and_weigh_as_the_issue_says() {
        var defaults = CatalogueSettings.defaults();
        assertNull(defaults.problem());
        assertEquals(8.0, defaults.weight("purchase", null));
        assertEquals(-4.0, defaults.weight("dislike", null));
        assertEquals(2.5, defaults.weight("rating", 5.0));
        assertEquals(-1.5, defaults.weight("rating", 1.0), "a low rating counts as negative");
        assertNull(defaults.weight("teleport", null), "an unknown type has no weight");
    }

    @Test
    void each_broken_rule_names_its_field() {
        assertArrayEquals(new String[] {"eventWeights", "must name at least one event type"},
                new CatalogueSettings(Map.of(), 2.5, M, 5, null).problem());
        assertEquals("eventWeights", new CatalogueSettings(Map.of("Bad Type", 1.0), 2.5, M, 5, null).problem()[0]);
        assertEquals("eventWeights", new CatalogueSettings(Map.of("view", Double.NaN), 2.5, M, 5, null).problem()[0]);
        assertEquals("eventWeights", new CatalogueSettings(Map.of("view", 1e6), 2.5, M, 5, null).problem()[0]);
        assertEquals("ratingPivot", new CatalogueSettings(Map.of("view", 1.0), Double.POSITIVE_INFINITY, M, 5, null).problem()[0]);
        assertEquals("embeddingModel", new CatalogueSettings(Map.of("view", 1.0), 2.5, " ", 5, null).problem()[0]);
        assertEquals("reembedIntervalSeconds", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 0, null).problem()[0]);
        assertEquals("reembedIntervalSeconds", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 86_401, null).problem()[0]);
        assertEquals("userHalfLifeDays", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, 0.0).problem()[0]);
        assertEquals("userHalfLifeDays", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, Double.NaN).problem()[0]);
    }

    @Test
    void the_embedding_model_must_be_one_the_platform_runs() {
        var problem = new CatalogueSettings(Map.of("view", 1.0), 2.5, "bge-small-en-v1.5", 5, null).problem();
        assertEquals("embeddingModel", problem[0]);
        assertTrue(problem[1].contains("all-minilm-l6-v2-q"), problem[1]);
        assertNull(new CatalogueSettings(Map.of("view", 1.0), 2.5, "bge-small-zh-v15", 5, null).problem());
    }

    @Test
    void a_missing_half_life_is_the_default_not_an_error() {
        var settings = new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null);
        assertNull(settings.problem());
        assertEquals(CatalogueSettings.DEFAULT_USER_HALF_LIFE_DAYS, settings.halfLifeDays());
        assertEquals(CatalogueSettings.DEFAULT_USER_HALF_LIFE_DAYS, settings.completed().userHalfLifeDays());
    }

    @Test
    void the_training_interval_is_off_when_absent_or_zero_and_bounded_to_a_year() {
        assertTrue(!new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null).trainsOnSchedule());
        assertTrue(!new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null, 0).trainsOnSchedule());
        var daily = new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null, 24);
        assertNull(daily.problem());
        assertTrue(daily.trainsOnSchedule());
        assertEquals(24, daily.completed().trainingIntervalHours());
        assertEquals("trainingIntervalHours", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null, -1).problem()[0]);
        assertEquals("trainingIntervalHours", new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null, 8_761).problem()[0]);
    }

    @Test
    void the_training_interval_survives_the_settings_json_and_other_keys_stay() {
        String stored = org.openreco.recommender.catalog.control.SettingsJson.write("{\"other\":1}",
                new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null, 12));
        assertEquals(12, org.openreco.recommender.catalog.control.SettingsJson.read(stored).trainingIntervalHours());
        assertTrue(stored.contains("\"other\":1"), stored);
        String off = org.openreco.recommender.catalog.control.SettingsJson.write(stored,
                new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null));
        assertNull(org.openreco.recommender.catalog.control.SettingsJson.read(off).trainingIntervalHours());
        String fresh = org.openreco.recommender.catalog.control.SettingsJson.write(null, CatalogueSettings.defaults());
        assertTrue(!fresh.contains("trainingIntervalHours"), fresh);
    }

    @Test
    void the_training_engine_is_in_server_unless_spark_with_a_master_is_named() {
        var settings = new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null);
        assertTrue(!settings.trainsOnSpark());
        assertEquals(CatalogueSettings.IN_SERVER, settings.completed().trainingEngine());
        for (String master : new String[] {"local", "local[2]", "local[*]", "spark://10.0.0.5:7077", "spark://a:7077,b.example:7077",
                "yarn", "k8s://https://k8s.example:6443"}) {
            var spark = settings.withTrainingEngine("spark", master);
            assertNull(spark.problem(), master);
            assertTrue(spark.trainsOnSpark());
        }
    }

    @Test
    void a_bad_training_engine_or_spark_master_names_its_field() {
        var settings = new CatalogueSettings(Map.of("view", 1.0), 2.5, M, 5, null);
        assertEquals("trainingEngine", settings.withTrainingEngine("hadoop", null).problem()[0]);
        assertEquals("sparkMaster", settings.withTrainingEngine("spark", null).problem()[0]);
        assertEquals("sparkMaster", settings.withTrainingEngine("spark", " ").problem()[0]);
        for (String master : new String[] {"local[0]", "local[2] --conf x=y", "spark://host", "mesos://h:5050", "local[2];rm -rf /"}) {
            assertEquals("sparkMaster", settings.withTrainingEngine("spark", master).problem()[0], master);
        }
    }
}
