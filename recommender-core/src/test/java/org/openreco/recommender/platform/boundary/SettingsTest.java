package org.openreco.recommender.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Settings read through the server's MicroProfile Config implementation (SmallRye Config), with its own
 * environment and system property sources: the environment is given as a map, as the process would have it.
 */
class SettingsTest {

    private static final String MAX_FAILURES = "recommender.login.max-failures";

    private Config config;

    @AfterEach
    void forgetTheConfigAndTheProperty() {
        System.clearProperty(MAX_FAILURES);
        if (config != null) {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private void environment(Map<String, String> variables) {
        config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(variables, EnvConfigSource.ORDINAL), new SysPropConfigSource())
                .build();
        ConfigProviderResolver.instance().registerConfig(config, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void a_setting_given_as_environment_variable_takes_effect() {
        environment(Map.of("RECOMMENDER_LOGIN_MAX_FAILURES", "3"));

        assertEquals(3, Settings.number(MAX_FAILURES, 10));
        assertTrue(lockedOutAfter(3, new LoginThrottle()));
    }

    @Test
    void a_setting_given_as_system_property_takes_effect() {
        environment(Map.of());
        System.setProperty(MAX_FAILURES, "2");

        assertEquals(2, Settings.number(MAX_FAILURES, 10));
        assertTrue(lockedOutAfter(2, new LoginThrottle()));
    }

    @Test
    void a_system_property_wins_over_the_environment() {
        environment(Map.of("RECOMMENDER_LOGIN_MAX_FAILURES", "3"));
        System.setProperty(MAX_FAILURES, "5");

        assertEquals(5, Settings.number(MAX_FAILURES, 10));
    }

    @Test
    void the_documented_environment_variables_reach_their_settings() {
        environment(Map.of("ADMIN_PASSWORD", "s3cret", "RECOMMENDER_DEMO", "true",
                "RECOMMENDER_IMPORT_DIRS", "/srv/a:/srv/b", "DB_INGEST_STATEMENT_TIMEOUT_MS", "45000",
                "RECOMMENDER_SERVING_CACHE_SECONDS", "0"));

        assertEquals("s3cret", Settings.value("admin.password"));
        assertEquals("true", Settings.value("recommender.demo"));
        assertEquals("/srv/a:/srv/b", Settings.value("recommender.import-dirs"));
        assertEquals(45_000, Settings.number("db.ingest-statement-timeout-ms", 30_000));
        assertEquals(0, Settings.number("recommender.serving.cache-seconds", 30));
    }

    @Test
    void an_unset_blank_or_unreadable_setting_falls_back() {
        environment(Map.of("RECOMMENDER_LOGIN_LOCKOUT_SECONDS", "soon", "RECOMMENDER_MODELS_DIR", "  "));

        assertNull(Settings.value("recommender.models.dir"));
        assertEquals(60, Settings.number("recommender.login.lockout-seconds", 60));
        assertEquals(10, Settings.number(MAX_FAILURES, 10));
    }

    private static boolean lockedOutAfter(int failures, LoginThrottle throttle) {
        for (int i = 1; i < failures; i++) {
            throttle.failed("192.0.2.1");
        }
        assertFalse(!throttle.refusal("192.0.2.1").isZero(), "locked out before " + failures + " failures");
        throttle.failed("192.0.2.1");
        return !throttle.refusal("192.0.2.1").isZero();
    }
}
