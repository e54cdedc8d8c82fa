package org.openreco.recommender.interactions.control;

import java.time.Duration;
import java.time.Instant;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.interactions.boundary.EventData;

/**
 * What makes one event acceptable, decided without the database: required fields and their limits,
 * a type the catalogue knows, a finite value in range, a time that is not in the future; and the
 * weight it is stored with.
 */
public final class EventRules {

    public static final int ID_MAX_LENGTH = 200;
    public static final int TYPE_MAX_LENGTH = 30;
    public static final String RATING = "rating";
    /** Clocks of storefront servers drift; more than this ahead is a bug (e.g. milliseconds sent as seconds). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** Ratings on any usual scale (1–5, 0.5–5, 1–10) fit. */
    public static final double RATING_MIN = 0, RATING_MAX = 10;
    /** Plain values (quantity, seconds watched, price) above this are taken for garbage. */
    public static final double VALUE_MAX = 1e9;
    /** Before this no storefront recorded anything; an earlier time is a unit mistake. */
    public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final CatalogueSettings settings;
    private final Instant now;

    public EventRules(CatalogueSettings settings, Instant now) {
        this.settings = settings;
        this.now = now;
    }

    /** Why the event cannot be recorded, or null. */
    public Problem problem(EventData event) {
        if (event == null) {
            return new Problem("event", "is required");
        }
        Problem id = idProblem("user", event.user());
        if (id != null) {
            return id;
        }
        id = idProblem("item", event.item());
        if (id != null) {
            return id;
        }
        if (event.type() == null || event.type().isBlank()) {
            return new Problem("type", "is required");
        }
        if (!settings.eventWeights().containsKey(event.type())) {
            return new Problem("type", "'" + abbreviate(event.type()) + "' is not an event type of this catalogue; known: "
                    + settings.eventWeights().keySet().stream().sorted().toList());
        }
        Double value = event.value();
        if (value != null && (value.isNaN() || value.isInfinite())) {
            return new Problem("value", "must be a finite number");
        }
        if (RATING.equals(event.type())) {
            if (value == null) {
                return new Problem("value", "is required for a rating");
            }
            if (value < RATING_MIN || value > RATING_MAX) {
                return new Problem("value", "a rating must be between " + RATING_MIN + " and " + RATING_MAX);
            }
        } else if (value != null && (value < 0 || value > VALUE_MAX)) {
            return new Problem("value", "must be between 0 and " + VALUE_MAX);
        }
        if (event.occurredAt() != null) {
            if (event.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
                return new Problem("timestamp", "is more than " + FUTURE_TOLERANCE.toMinutes() + " minutes in the future");
            }
            if (event.occurredAt().isBefore(EARLIEST)) {
                return new Problem("timestamp", "is before " + EARLIEST);
            }
        }
        if (event.clientEventId() != null) {
            if (event.clientEventId().isBlank()) {
                return new Problem("clientEventId", "must not be blank");
            }
            if (event.clientEventId().length() > ID_MAX_LENGTH) {
                return new Problem("clientEventId", "must be at most " + ID_MAX_LENGTH + " characters");
            }
        }
        return null;
    }

    /** The weight an acceptable event is stored with: its type's, times (value − pivot) for a rating. */
    public double weight(EventData event) {
        double weight = settings.eventWeights().get(event.type());
        return RATING.equals(event.type()) ? weight * (event.value() - settings.ratingPivot()) : weight;
    }

    public Instant occurredAt(EventData event) {
        return event.occurredAt() == null ? now : event.occurredAt();
    }

    private static Problem idProblem(String field, String id) {
        if (id == null || id.isBlank()) {
            return new Problem(field, "is required");
        }
        if (id.length() > ID_MAX_LENGTH) {
            return new Problem(field, "must be at most " + ID_MAX_LENGTH + " characters");
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** The field at fault and why. */
    public record Problem(String field, String reason) {
    }
}
