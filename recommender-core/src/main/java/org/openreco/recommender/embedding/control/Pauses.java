package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Catalogues whose re-embedding an operator paused (embedding_pause, V032). */
public final class Pauses {

    private final Connection connection;

    public Pauses(Connection connection) {
        this.connection = connection;
    }

    /** Pauses the catalogue (again: keeps the first pause's time); returns since when it is paused. */
    public Instant pause(long catalogueId) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into embedding_pause (catalogue_id) values (?)
                on conflict (catalogue_id) do update set paused_at = embedding_pause.paused_at
                returning paused_at""")) {
            insert.setLong(1, catalogueId);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    /** Resumes the catalogue; false when it was not paused. */
    public boolean resume(long catalogueId) throws SQLException {
        try (var delete = connection.prepareStatement("delete from embedding_pause where catalogue_id = ?")) {
            delete.setLong(1, catalogueId);
            return delete.executeUpdate() == 1;
        }
    }

    public Optional<Instant> pausedSince(long catalogueId) throws SQLException {
        try (var query = connection.prepareStatement("select paused_at from embedding_pause where catalogue_id = ?")) {
            query.setLong(1, catalogueId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getTimestamp(1)).map(Timestamp::toInstant) : Optional.empty();
            }
        }
    }

    public Set<Long> all() throws SQLException {
        Set<Long> paused = new HashSet<>();
        try (var query = connection.prepareStatement("select catalogue_id from embedding_pause");
                var rows = query.executeQuery()) {
            while (rows.next()) {
                paused.add(rows.getLong(1));
            }
        }
        return paused;
    }
}
