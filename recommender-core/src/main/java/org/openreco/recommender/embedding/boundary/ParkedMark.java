package org.openreco.recommender.embedding.boundary;

import java.time.Instant;

/** An item or user whose re-embedding failed too often: it waits for an operator's retry. */
public record ParkedMark(long id, String kind, long entityId, String externalId, Instant enqueuedAt, int attempts,
        String lastError) {
}
