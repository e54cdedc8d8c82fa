package org.openreco.recommender.interactions.boundary;

import java.time.Instant;
import java.util.UUID;

/**
 * One piece of behaviour: user and item by their external ids, a type configured for the catalogue,
 * an optional value (a rating), when it happened (null: now), an optional client event id that makes
 * a re-sent event harmless, and the recommendation request it answers, if any.
 */
public record EventData(String user, String item, String type, Double value, Instant occurredAt,
        String clientEventId, UUID requestId) {
}
