package org.openreco.recommender.embedding.boundary;

import java.time.Instant;

/**
 * One generation of a catalogue's vectors: its model, status (building, active, retired, cancelled) and
 * the progress of its build. {@code phase} is "items" or "users" while building, else the status.
 */
public record GenerationInfo(long id, String model, String status, String phase, Integer itemsTotal, int itemsDone,
        Integer usersTotal, int usersDone, Instant createdAt, Instant activatedAt, Instant finishedAt) {
}
