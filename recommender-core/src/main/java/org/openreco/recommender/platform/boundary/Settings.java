package org.openreco.recommender.platform.boundary;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's settings, read through MicroProfile Config. Each has a name (e.g.
 * {@code recommender.serving.cache-seconds}) that is given as a system property, and the environment variable
 * MicroProfile Config derives from it: upper case, dots and dashes as underscores
 * ({@code RECOMMENDER_SERVING_CACHE_SECONDS}); a system property wins over the environment. The README's
 * configuration table lists them all.
 */
public final class Settings {

    private Settings() {
    }

    /** The setting's text; null when it is not set. */
    public static String value(String name) {
        Optional<String> value = ConfigProvider.getConfig().getOptionalValue(name, String.class);
        return value.map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
    }

    /** The setting as a whole number; the fallback when it is not set or is no whole number. */
    public static long number(String name, long fallback) {
        String text = value(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }
}
