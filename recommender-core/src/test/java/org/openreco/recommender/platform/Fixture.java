package org.openreco.recommender.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A catalogue of its own for one test, under a unique name, with helpers to add users and items;
 * closing it deletes the catalogue and, by cascade, everything in it.
 */
public final class Fixture implements AutoCloseable {

    private final Connection connection;
    private final long id;
    private boolean deleted;

    private Fixture(Connection connection, long id) {
        this.connection = connection;
        this.id = id;
    }

    public static Fixture catalogue(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into catalogue (name) values (?) returning id")) {
            ps.setString(1, TestDatabase.uniqueName("it"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Fixture(connection, rs.getLong(1));
            }
        }
    }

    public long id() {
        return id;
    }

    public long user(String externalId) throws SQLException {
        return insertReturningId("insert into app_user (catalogue_id, external_id) values (?, ?) returning id", externalId);
    }

    public long item(String externalId) throws SQLException {
        return insertReturningId("insert into item (catalogue_id, external_id, title) values (?, ?, 'An item') returning id", externalId);
    }

    /** Rows of a table that belong to this catalogue. */
    public long count(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from " + table + " where catalogue_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void delete() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("delete from catalogue where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        deleted = true;
    }

    @Override
    public void close() throws SQLException {
        if (!deleted) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            delete();
        }
    }

    private long insertReturningId(String sql, String externalId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
