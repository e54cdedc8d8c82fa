package org.openreco.recommender.users.boundary;

import java.time.Instant;

/** One line of a user's history: what they did with which item, when, and what it weighed. */
public record UserEvent(Instant occurredAt, String type, String itemExternalId, String itemTitle, Double value,
        double weight) {
}
