package org.openreco.recommender.embedding.control;

import java.time.Instant;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/** A row of embedding_generation: one model's vectors of one catalogue, and how far its build got. */
public record Generation(long id, long catalogueId, EmbeddingModel model, String status, Integer itemsTotal,
        int itemsDone, Integer usersTotal, int usersDone, long itemCursor, long userCursor, Instant itemsFinishedAt,
        Instant createdAt, Instant activatedAt, Instant finishedAt) {

    public static final String ACTIVE = "active";
    public static final String BUILDING = "building";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean isBuilding() {
        return BUILDING.equals(status);
    }

    /** Users may be folded into it: it serves, or its build has given every item a vector. */
    public boolean takesUsers() {
        return isActive() || itemsFinishedAt != null;
    }
}
