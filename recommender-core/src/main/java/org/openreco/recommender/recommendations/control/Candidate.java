package org.openreco.recommender.recommendations.control;

import java.util.List;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * An item a source proposes, with its internal id (for the impression log), score, and the title of
 * the item it resembles most among the anchors (the user's liked items, the examples), if any. The
 * reason is set where the source alone does not decide it (the hybrid ranking); null: the source's.
 */
public record Candidate(long id, String externalId, String title, List<String> categories, double score, Source source,
        String nearestAnchor, String reason) {

    public Candidate(long id, String externalId, String title, List<String> categories, double score, Source source,
            String nearestAnchor) {
        this(id, externalId, title, categories, score, source, nearestAnchor, null);
    }
}
