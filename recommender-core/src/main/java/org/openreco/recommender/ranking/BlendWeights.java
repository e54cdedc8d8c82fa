package org.openreco.recommender.ranking;

import org.openreco.recommender.recommendations.entity.Source;

/**
 * How much each source counts in the hybrid score, from the active model's {@code parameters.blend}
 * (tuned by the offline evaluation on a validation split). Without an active model only content counts
 * and trending fills, as before there were trained models.
 */
public record BlendWeights(double collaborative, double itemToItem, double content, double trending, double ease,
        double rp3beta) {

    /** Before any model is trained. */
    public static final BlendWeights CONTENT_ONLY = new BlendWeights(0, 0, 1, 0);
    /** For a model whose parameters name no blend (the contract's example weights; no EASE or RP3beta tables). */
    public static final BlendWeights DEFAULTS = new BlendWeights(1.0, 0.5, 0.25, 0.1);

    public BlendWeights {
        for (double w : new double[] {collaborative, itemToItem, content, trending, ease, rp3beta}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("blend weights are finite and ≥ 0: " + this);
            }
        }
    }

    /** The four sources every model has; EASE and RP3beta weigh 0. */
    public BlendWeights(double collaborative, double itemToItem, double content, double trending) {
        this(collaborative, itemToItem, content, trending, 0, 0);
    }

    /** In the order of {@link #SOURCES}. */
    public static BlendWeights of(double[] w) {
        return new BlendWeights(w[0], w[1], w[2], w[3], w[4], w[5]);
    }

    /** The blended sources, in the order of the components. */
    public static final Source[] SOURCES = {Source.COLLABORATIVE, Source.ITEM_TO_ITEM, Source.CONTENT, Source.TRENDING,
            Source.EASE, Source.RP3BETA};

    /** The weight of a source; 0 for sources outside the blend (search, latest). */
    public double of(Source source) {
        return switch (source) {
            case COLLABORATIVE -> collaborative;
            case ITEM_TO_ITEM -> itemToItem;
            case CONTENT -> content;
            case TRENDING -> trending;
            case EASE -> ease;
            case RP3BETA -> rp3beta;
            case LATEST, SEARCH -> 0;
        };
    }

    /** Each weight read as stored, null (absent, or not a number) replaced by the default's. */
    public static BlendWeights of(Double collaborative, Double itemToItem, Double content, Double trending) {
        return of(collaborative, itemToItem, content, trending, null, null);
    }

    /** Each weight read as stored, null (absent, or not a number) replaced by the default's (0 for EASE, RP3beta). */
    public static BlendWeights of(Double collaborative, Double itemToItem, Double content, Double trending, Double ease,
            Double rp3beta) {
        return new BlendWeights(or(collaborative, DEFAULTS.collaborative), or(itemToItem, DEFAULTS.itemToItem),
                or(content, DEFAULTS.content), or(trending, DEFAULTS.trending), or(ease, DEFAULTS.ease),
                or(rp3beta, DEFAULTS.rp3beta));
    }

    private static double or(Double value, double fallback) {
        return value == null || !(value >= 0) || value.isInfinite() ? fallback : value;
    }
}
