package org.openreco.recommender.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations in db/migration against the real database: they apply, they are stable, and the
 * schema keeps the invariants the code relies on. Data made here lives under unique names and is
 * removed again; the database itself is never cleaned.
 */
class DatabaseMigrationsIT {

    private static final Set<String> TABLES = Set.of("catalogue", "admin_account", "item", "app_user",
            "interaction", "impression_list", "impression", "api_key", "embedding_queue", "model_version", "evaluation_run");

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void aSecondMigrateAppliesNothingAndTheHistoryValidates() {
        var again = TestDatabase.migrate();

        assertEquals(0, again.migrationsExecuted);
        assertTrue(again.success);
        var flyway = TestDatabase.flyway();
        assertTrue(flyway.validateWithResult().validationSuccessful);
        assertNotNull(flyway.info().current(), "no applied migration recorded");
        assertEquals(0, flyway.info().pending().length);
    }

    @Test
    void theExpectedTablesExist() throws SQLException {
        Set<String> present = new TreeSet<>();
        try (Connection c = TestDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = current_schema()")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        Set<String> missing = new TreeSet<>(TABLES);
        missing.removeAll(present);
        assertEquals(Set.of(), missing, "tables missing");
    }

    @Test
    void vectorColumnsHaveTheirDimensionsAndHnswIndexes() throws SQLException {
        Map<String, String> types = new HashMap<>();
        List<String> hnsw = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select a.attrelid::regclass::text || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
                      from pg_attribute a
                     where (a.attrelid in ('item'::regclass, 'app_user'::regclass)
                            or a.attrelid::regclass::text like 'item\\_vector\\_%'
                            or a.attrelid::regclass::text like 'user\\_vector\\_%'
                            or a.attrelid in ('item_factor'::regclass, 'user_factor'::regclass))
                       and a.attnum > 0 and not a.attisdropped""")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select indexdef from pg_indexes where schemaname = current_schema() and indexdef like '%USING hnsw%'")) {
                while (rs.next()) {
                    hnsw.add(rs.getString(1));
                }
            }
        }
        // one table per embedding model, each with its own HNSW index (never two models in one index)
        for (var model : Map.of("minilm", 384, "minilm_q", 384, "bge_zh", 512).entrySet()) {
            String table = "item_vector_" + model.getKey();
            assertEquals("vector(" + model.getValue() + ")", types.get(table + ".embedding"), table);
            assertEquals("vector(" + model.getValue() + ")", types.get("user_vector_" + model.getKey() + ".embedding"));
            assertTrue(hnsw.stream().anyMatch(d -> d.contains("ON public." + table + " USING hnsw (embedding vector_cosine_ops)")),
                    hnsw::toString);
        }
        // collaborative factors per model version, zero-padded to 128; no index shared by the versions
        // (V053: training builds each version a partial inner-product index of its own)
        assertEquals("vector(128)", types.get("item_factor.factors"));
        assertEquals("vector(128)", types.get("user_factor.factors"));
        assertTrue(hnsw.stream().filter(d -> d.contains("ON public.item_factor USING hnsw"))
                        .allMatch(d -> d.matches(".*INDEX item_factor_hnsw_v\\d+ .*\\(factors vector_ip_ops\\) WHERE \\(model_version_id = \\d+\\).*")),
                hnsw::toString);
    }

    @Test
    void theSecurityRealmQueryFindsAnAdminAccount() throws SQLException {
        String username = TestDatabase.uniqueName("it-admin");
        try (Connection c = TestDatabase.connect()) {
            try {
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into admin_account (username, password_hash) values (?, ?)")) {
                    insert.setString(1, username);
                    insert.setString(2, "$2a$10$abcdefghijklmnopqrstuu5z3fY9QhDGJ5bOg5u5iN0hM6oQ6KHhO");
                    insert.executeUpdate();
                }
                // the exact query of WildFly's jdbc-realm
                try (PreparedStatement realm = c.prepareStatement(
                        "SELECT password_hash, roles FROM admin_account WHERE username = ?")) {
                    realm.setString(1, username);
                    try (ResultSet rs = realm.executeQuery()) {
                        assertTrue(rs.next());
                        assertTrue(rs.getString(1).startsWith("$2a$"));
                        assertEquals("admin", rs.getString(2));
                    }
                }
            } finally {
                try (PreparedStatement delete = c.prepareStatement("delete from admin_account where username = ?")) {
                    delete.setString(1, username);
                    delete.executeUpdate();
                }
            }
        }
    }

    @Test
    void aResentEventIsIgnoredButEventsWithoutClientIdAllCount() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            long user = catalogue.user("u1");
            long item = catalogue.item("i1");
            String insert = """
                    insert into interaction (catalogue_id, user_id, item_id, type, occurred_at, client_event_id)
                    values (?, ?, ?, 'click', now(), ?)
                    on conflict (catalogue_id, client_event_id) do nothing""";
            int[] inserted = new int[4];
            String[] clientIds = {"evt-1", "evt-1", null, null};
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (int i = 0; i < clientIds.length; i++) {
                    ps.setLong(1, catalogue.id());
                    ps.setLong(2, user);
                    ps.setLong(3, item);
                    ps.setString(4, clientIds[i]);
                    inserted[i] = ps.executeUpdate();
                }
            }
            assertEquals(List.of(1, 0, 1, 1), List.of(inserted[0], inserted[1], inserted[2], inserted[3]));
        }
    }

    @Test
    void onlyOneModelVersionIsActivePerCatalogue() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            String insert = "insert into model_version (catalogue_id, algorithm, status) values (%d, 'ials', '%s')";
            try (Statement st = c.createStatement()) {
                st.executeUpdate(insert.formatted(catalogue.id(), "active"));
                st.executeUpdate(insert.formatted(catalogue.id(), "retired"));
                st.executeUpdate(insert.formatted(catalogue.id(), "retired"));
                var second = assertThrows(SQLException.class,
                        () -> st.executeUpdate(insert.formatted(catalogue.id(), "active")));
                assertEquals("23505", second.getSQLState(), second::getMessage);
                var unknown = assertThrows(SQLException.class,
                        () -> st.executeUpdate(insert.formatted(catalogue.id(), "dormant")));
                assertEquals("23514", unknown.getSQLState(), unknown::getMessage);
            }
        }
    }

    @Test
    void markingAnEntityDirtyTwiceQueuesItOnce() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            long user = catalogue.user("u1");
            String mark = """
                    insert into embedding_queue (catalogue_id, kind, entity_id) values (?, 'user', ?)
                    on conflict (kind, entity_id) do nothing""";
            try (PreparedStatement ps = c.prepareStatement(mark)) {
                ps.setLong(1, catalogue.id());
                ps.setLong(2, user);
                assertEquals(1, ps.executeUpdate());
                assertEquals(0, ps.executeUpdate());
            }
            assertEquals(1, catalogue.count("embedding_queue"));
        }
    }

    @Test
    void theDatabaseHashesItemTextAndQueuesNewAndChangedItemsOnly() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c); Statement st = c.createStatement()) {
            long item = catalogue.item("i1");
            assertEquals(1, catalogue.count("embedding_queue"), "a new item is queued");
            String hash = hash(st, item);
            assertEquals(64, hash.length());
            st.executeUpdate("delete from embedding_queue where entity_id = " + item);
            st.executeUpdate("update item set attributes = '{\"a\": 1}', available = false where id = " + item);
            assertEquals(0, catalogue.count("embedding_queue"), "no text changed");
            assertEquals(hash, hash(st, item));
            st.executeUpdate("update item set tags = '{new}' where id = " + item);
            assertEquals(1, catalogue.count("embedding_queue"), "the text changed");
            assertNotEquals(hash, hash(st, item));
        }
    }

    private static String hash(Statement st, long item) throws SQLException {
        try (var rows = st.executeQuery("select content_hash from item where id = " + item)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void deletingACatalogueRemovesEverythingInIt() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            long user = catalogue.user("u1");
            long item = catalogue.item("i1");
            try (Statement st = c.createStatement()) {
                long id = catalogue.id();
                st.executeUpdate("insert into interaction (catalogue_id, user_id, item_id, type, occurred_at) values (%d, %d, %d, 'view', now())".formatted(id, user, item));
                st.executeUpdate("insert into impression_list (catalogue_id, request_id, user_id, item_ids, sources, scores) values (%d, gen_random_uuid(), %d, array[%d], '{trending}', '{null}')".formatted(id, user, item));
                st.executeUpdate("insert into api_key (catalogue_id, name, prefix, key_hash) values (%d, 'shop', substr(md5(random()::text), 1, 16), 'x')".formatted(id));
                // the new item is queued already (V002); a second mark coalesces
                st.executeUpdate("insert into embedding_queue (catalogue_id, kind, entity_id) values (%d, 'item', %d) on conflict (kind, entity_id) do nothing".formatted(id, item));
                st.executeUpdate("insert into model_version (catalogue_id, algorithm) values (%d, 'bpr')".formatted(id));
                st.executeUpdate("insert into evaluation_run (catalogue_id, protocol, k) values (%d, 'temporal', '{5,10}')".formatted(id));
            }
            catalogue.delete();
            for (String table : List.of("item", "app_user", "interaction", "impression", "api_key",
                    "embedding_queue", "model_version", "evaluation_run")) {
                assertEquals(0, catalogue.count(table), table);
            }
        }
    }

    @Test
    void anItemDescriptionIsLimitedTo16KiB() throws SQLException {
        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into item (catalogue_id, external_id, title, description) values (?, ?, 't', ?)")) {
                ps.setLong(1, catalogue.id());
                ps.setString(2, "fits");
                ps.setString(3, "x".repeat(16 * 1024));
                assertEquals(1, ps.executeUpdate());
                ps.setString(2, "too-long");
                ps.setString(3, "x".repeat(16 * 1024 + 1));
                var tooLong = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("23514", tooLong.getSQLState());
            }
        }
    }
}
