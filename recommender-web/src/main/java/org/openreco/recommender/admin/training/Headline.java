package org.openreco.recommender.admin.training;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.openreco.recommender.training.boundary.ModelVersion;

/** How the console writes a model version's figures: its headline metrics, its duration. */
public final class Headline {

    private Headline() {
    }

    /** A metric from the version's headline (e.g. "ndcg@10") with four decimals, or "–" while there is none. */
    public static String metric(ModelVersion version, String name) {
        Double value = value(version.metrics(), name);
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    static Double value(JsonObject metrics, String name) {
        return metrics != null && metrics.get(name) instanceof JsonNumber number ? number.doubleValue() : null;
    }

    /** From start to finish, or until now while it runs; "–" before it started. */
    public static String duration(ModelVersion version, Instant now) {
        if (version.startedAt() == null) {
            return "–";
        }
        var took = Duration.between(version.startedAt(), version.finishedAt() == null ? now : version.finishedAt());
        long seconds = Math.max(0, took.toSeconds());
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
