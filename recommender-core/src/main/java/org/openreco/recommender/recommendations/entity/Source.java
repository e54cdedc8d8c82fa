package org.openreco.recommender.recommendations.entity;

import java.util.Locale;

/** The candidate source that produced a recommendation: stored in impression.source, so CTR splits by it. */
public enum Source {
    /** inner product of the user's factors with the items' factors in the active collaborative model */
    COLLABORATIVE,
    /** nearest items to the user's taste vector, or to example items */
    CONTENT,
    /** time-decayed popularity: users without a vector, and fill when filters leave too few */
    TRENDING,
    /** the newest items: fill when even trending leaves too few */
    LATEST,
    /** nearest items to one item by vector; for a user, the trained neighbours of their recent items */
    ITEM_TO_ITEM,
    /** nearest items to an encoded query */
    SEARCH,
    /** EASE's closed-form item weights, summed over the user's recent items */
    EASE,
    /** RP3beta's random-walk item weights, summed over the user's recent items */
    RP3BETA;

    /**
     * The name in the API and the impression table: collaborative, content, trending, latest, item-to-item,
     * search, ease, rp3beta.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
