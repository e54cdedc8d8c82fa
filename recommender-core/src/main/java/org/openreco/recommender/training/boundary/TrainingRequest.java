package org.openreco.recommender.training.boundary;

import java.util.List;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * What a training (or a stand-alone evaluation) is asked to do; every field is optional. The defaults
 * are what the offline tuning on ml-latest-small found (EVALUATION.md): alpha 3, λ 30, 15 epochs, with
 * 64 factors (128 were only 2 % better on validation at twice the cost) and 50 item neighbours.
 *
 * @param testRatio share of each user's positives held out for the evaluation's test split
 * @param seed      seeds the split and the initial factors
 * @param k         the cut-offs the evaluation reports, e.g. [10, 20]
 * @param easeLambda   EASE's L2 regularisation (default {@value #DEFAULT_EASE_LAMBDA})
 * @param easeMaxItems the most items EASE inverts a matrix for; above it EASE is skipped with the reason
 *                     (default {@value org.openreco.recommender.training.control.Ease#DEFAULT_MAX_ITEMS})
 * @param rp3Alpha     RP3beta's exponent of the walk's steps (default 1)
 * @param rp3Beta      RP3beta's popularity penalty of the arrival item (default 0.3)
 * @param tuningBudgetSeconds how long the training may search the algorithms' parameters on a validation
 *                     split (default {@value #DEFAULT_TUNING_SECONDS}; 0: tuning off)
 * @param tuned        the parameters the search may change, from {@link #TUNABLE}; by default those the request
 *                     leaves out (a value given is kept as given), starting from their defaults
 * @param split        how the evaluation splits the positives: {@code random} (per user, testRatio of each
 *                     user's, seeded; the default), {@code leave-last:N} (per user the N latest; {@code leave-last}
 *                     is N = 1) or {@code time-cut} (the latest testRatio of all, by time); the validation split is
 *                     carved from the training part the same way
 */
public record TrainingRequest(Integer factors, Double alpha, Double regularization, Integer epochs, Integer neighbours,
        Double testRatio, Long seed, List<Integer> k, Double easeLambda, Integer easeMaxItems, Double rp3Alpha,
        Double rp3Beta, Double tuningBudgetSeconds, List<String> tuned, String split) {

    public static final String RANDOM = "random", LEAVE_LAST = "leave-last", TIME_CUT = "time-cut";
    public static final int MAX_LEAVE_LAST = 100;

    /** The parameters a training can tune, cheap algorithms' first. */
    public static final List<String> TUNABLE = List.of("neighbours", "rp3Beta", "rp3Alpha", "easeLambda", "alpha",
            "regularization", "factors", "epochs");

    public static final double DEFAULT_EASE_LAMBDA = 250;
    /** 20,000 items: 3.2 GB while inverting, beyond the server's default heap. */
    public static final int MAX_EASE_ITEMS = 20_000;
    /**
     * 25 s: on ml-latest-small and two cores, enough for every grid of item-kNN, RP3beta and EASE and a few
     * iALS settings, keeping the whole training within a minute.
     */
    public static final double DEFAULT_TUNING_SECONDS = 25;
    public static final double MAX_TUNING_SECONDS = 3_600;

    @jakarta.json.bind.annotation.JsonbCreator
    public TrainingRequest {
    }

    /** Tuning what is left out, on a random split. */
    public TrainingRequest(Integer factors, Double alpha, Double regularization, Integer epochs, Integer neighbours,
            Double testRatio, Long seed, List<Integer> k, Double easeLambda, Integer easeMaxItems, Double rp3Alpha,
            Double rp3Beta, Double tuningBudgetSeconds) {
        this(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, easeLambda, easeMaxItems, rp3Alpha,
                rp3Beta, tuningBudgetSeconds, null, null);
    }

    /** With the default tuning budget. */
    public TrainingRequest(Integer factors, Double alpha, Double regularization, Integer epochs, Integer neighbours,
            Double testRatio, Long seed, List<Integer> k, Double easeLambda, Integer easeMaxItems, Double rp3Alpha,
            Double rp3Beta) {
        this(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, easeLambda, easeMaxItems, rp3Alpha,
                rp3Beta, null, null, null);
    }

    /** Without the EASE and RP3beta parameters (their defaults). */
    public TrainingRequest(Integer factors, Double alpha, Double regularization, Integer epochs, Integer neighbours,
            Double testRatio, Long seed, List<Integer> k) {
        this(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, null, null, null, null, null, null, null);
    }

    /** The same request with another tuning budget (0: tuning off). */
    public TrainingRequest withTuningBudget(double seconds) {
        return new TrainingRequest(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, easeLambda,
                easeMaxItems, rp3Alpha, rp3Beta, seconds, tuned, split);
    }

    /** The same request tuning these parameters (a validated request keeps the values it has as start). */
    public TrainingRequest withTuned(List<String> names) {
        return new TrainingRequest(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, easeLambda,
                easeMaxItems, rp3Alpha, rp3Beta, tuningBudgetSeconds, names, split);
    }

    /** The same request with another split ({@link #split()}). */
    public TrainingRequest withSplit(String kind) {
        return new TrainingRequest(factors, alpha, regularization, epochs, neighbours, testRatio, seed, k, easeLambda,
                easeMaxItems, rp3Alpha, rp3Beta, tuningBudgetSeconds, tuned, kind);
    }

    /** The kind of a validated request's split: random, leave-last or time-cut. */
    public String splitKind() {
        return split.startsWith(LEAVE_LAST) ? LEAVE_LAST : split;
    }

    /** N of a validated leave-last split (1 for the others). */
    public int leaveLast() {
        return split.startsWith(LEAVE_LAST + ":") ? Integer.parseInt(split.substring(LEAVE_LAST.length() + 1)) : 1;
    }


    public static final int MAX_FACTORS = 128;
    public static final int MAX_EPOCHS = 200;
    public static final int MAX_NEIGHBOURS = 500;
    public static final int MAX_K = 1000;

    public static TrainingRequest defaults() {
        return new TrainingRequest(null, null, null, null, null, null, null, null).validated();
    }

    /** The request with every default filled in; InvalidInputException naming the first bad field. */
    public TrainingRequest validated() {
        int f = factors == null ? 64 : factors;
        if (f < 1 || f > MAX_FACTORS) {
            throw new InvalidInputException("factors", "must be between 1 and " + MAX_FACTORS);
        }
        double a = alpha == null ? 3.0 : alpha;
        if (!Double.isFinite(a) || a < 0) {
            throw new InvalidInputException("alpha", "must be a number ≥ 0");
        }
        double r = regularization == null ? 30.0 : regularization;
        if (!Double.isFinite(r) || r < 0) {
            throw new InvalidInputException("regularization", "must be a number ≥ 0");
        }
        int e = epochs == null ? 15 : epochs;
        if (e < 1 || e > MAX_EPOCHS) {
            throw new InvalidInputException("epochs", "must be between 1 and " + MAX_EPOCHS);
        }
        int n = neighbours == null ? 50 : neighbours;
        if (n < 1 || n > MAX_NEIGHBOURS) {
            throw new InvalidInputException("neighbours", "must be between 1 and " + MAX_NEIGHBOURS);
        }
        double t = testRatio == null ? 0.2 : testRatio;
        if (!Double.isFinite(t) || t <= 0 || t >= 1) {
            throw new InvalidInputException("testRatio", "must lie strictly between 0 and 1");
        }
        long s = seed == null ? 42L : seed;
        List<Integer> cutOffs = k == null || k.isEmpty() ? List.of(10) : k;
        if (cutOffs.size() > 10) {
            throw new InvalidInputException("k", "must have at most 10 entries");
        }
        for (Integer cutOff : cutOffs) {
            if (cutOff == null || cutOff < 1 || cutOff > MAX_K) {
                throw new InvalidInputException("k", "every entry must be between 1 and " + MAX_K);
            }
        }
        double lambda = easeLambda == null ? DEFAULT_EASE_LAMBDA : easeLambda;
        if (!Double.isFinite(lambda) || lambda <= 0) {
            throw new InvalidInputException("easeLambda", "must be a number > 0");
        }
        int easeItems = easeMaxItems == null ? org.openreco.recommender.training.control.Ease.DEFAULT_MAX_ITEMS : easeMaxItems;
        if (easeItems < 0 || easeItems > MAX_EASE_ITEMS) {
            throw new InvalidInputException("easeMaxItems", "must be between 0 (no EASE) and " + MAX_EASE_ITEMS);
        }
        double walkAlpha = rp3Alpha == null ? 1.0 : rp3Alpha;
        if (!Double.isFinite(walkAlpha) || walkAlpha < 0) {
            throw new InvalidInputException("rp3Alpha", "must be a number ≥ 0");
        }
        double walkBeta = rp3Beta == null ? 0.3 : rp3Beta;
        if (!Double.isFinite(walkBeta) || walkBeta < 0) {
            throw new InvalidInputException("rp3Beta", "must be a number ≥ 0");
        }
        double budget = tuningBudgetSeconds == null ? DEFAULT_TUNING_SECONDS : tuningBudgetSeconds;
        if (!Double.isFinite(budget) || budget < 0 || budget > MAX_TUNING_SECONDS) {
            throw new InvalidInputException("tuningBudgetSeconds", "must be between 0 (tuning off) and " + (int) MAX_TUNING_SECONDS);
        }
        List<String> searched;
        if (tuned == null) {
            Object[] given = {neighbours, rp3Beta, rp3Alpha, easeLambda, alpha, regularization, factors, epochs}; // TUNABLE's order
            searched = java.util.stream.IntStream.range(0, TUNABLE.size()).filter(p -> given[p] == null).mapToObj(TUNABLE::get).toList();
        } else {
            for (String name : tuned) {
                if (!TUNABLE.contains(name)) {
                    throw new InvalidInputException("tuned", "'" + name + "' is not one of " + String.join(", ", TUNABLE));
                }
            }
            searched = TUNABLE.stream().filter(tuned::contains).toList();
        }
        String kind = split == null ? RANDOM : split.strip();
        if (kind.equals(LEAVE_LAST)) {
            kind = LEAVE_LAST + ":1";
        }
        if (!kind.equals(RANDOM) && !kind.equals(TIME_CUT) && !kind.matches(LEAVE_LAST + ":[1-9][0-9]{0,2}")
                || kind.startsWith(LEAVE_LAST) && Integer.parseInt(kind.substring(LEAVE_LAST.length() + 1)) > MAX_LEAVE_LAST) {
            throw new InvalidInputException("split", "must be random, time-cut, leave-last or leave-last:N with N from 1 to "
                    + MAX_LEAVE_LAST);
        }
        return new TrainingRequest(f, a, r, e, n, t, s, cutOffs.stream().distinct().sorted().toList(), lambda, easeItems,
                walkAlpha, walkBeta, budget, searched, kind);
    }
}
