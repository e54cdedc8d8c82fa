package org.openreco.recommender.embedding.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A user's content taste as a running, time-decayed sum: each event adds its item's vector times the
 * event's weight (the type weight; negative feedback subtracts) times 2^(-age / half-life), the age
 * measured to the newest event. Folding new events in only needs the stored sum: decaying the sum to
 * the new newest time is one multiplication, so no old event is ever read again. The weighted mean is
 * {@code sum / weight}; the served vector is its direction, blended with the profile text's vector.
 */
public final class TasteFold {

    /** Below this total weight the sum is noise from long-decayed events: start over from nothing. */
    private static final double FORGOTTEN = 1e-12;

    /** The stored state: the decayed weighted sum, the decayed sum of |weights|, and the time both are decayed to. */
    public record Taste(double[] sum, double weight, Instant decayedTo) {

        public static Taste none(int dimensions) {
            return new Taste(new double[dimensions], 0, null);
        }

        public boolean isEmpty() {
            return weight == 0;
        }
    }

    /** One event: its weight, when it happened, and the vector of its item. */
    public record Event(double weight, Instant occurredAt, float[] itemVector) {
    }

    private final double halfLifeSeconds;

    public TasteFold(Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life must be positive: " + halfLife);
        }
        this.halfLifeSeconds = halfLife.toMillis() / 1000.0;
    }

    public static TasteFold halfLifeDays(double days) {
        return new TasteFold(Duration.ofMillis(Math.round(days * 86_400_000)));
    }

    /** The taste with these events added, decayed to the newest time among the taste and the events. */
    public Taste fold(Taste taste, List<Event> events) {
        Instant newest = taste.decayedTo();
        for (var event : events) {
            if (newest == null || event.occurredAt().isAfter(newest)) {
                newest = event.occurredAt();
            }
        }
        if (newest == null) {
            return taste;
        }
        double[] sum = taste.sum().clone();
        double weight = taste.weight();
        if (taste.decayedTo() != null) {
            double factor = decay(taste.decayedTo(), newest);
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= factor;
            }
            weight *= factor;
        }
        for (var event : events) {
            double w = event.weight() * decay(event.occurredAt(), newest);
            float[] v = event.itemVector();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w * v[i];
            }
            weight += Math.abs(w);
        }
        if (weight < FORGOTTEN) {
            return new Taste(new double[sum.length], 0, newest);
        }
        return new Taste(sum, weight, newest);
    }

    /**
     * The vector that serves: the unit direction of the taste sum plus the profile vector counted as
     * {@code profileWeight} (in event-weight units, so early on the profile leads and a long history
     * outweighs it). Null when there is no signal: no events, no profile, or opposite feedback that cancels.
     */
    public static float[] blend(Taste taste, float[] profile, double profileWeight) {
        double[] v = taste.sum().clone();
        if (profile != null) {
            for (int i = 0; i < v.length; i++) {
                v[i] += profileWeight * profile[i];
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-9) {
            return null;
        }
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }

    /** 2^(-(to - from) / half-life); events newer than {@code to} are not decayed. */
    double decay(Instant from, Instant to) {
        double ageSeconds = Duration.between(from, to).toMillis() / 1000.0;
        return ageSeconds <= 0 ? 1 : Math.pow(2, -ageSeconds / halfLifeSeconds);
    }
}
