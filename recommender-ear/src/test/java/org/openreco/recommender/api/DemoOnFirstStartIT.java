package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What bin/run does on a fresh machine: a server started with RECOMMENDER_DEMO=true on an empty database
 * loads the demo shop by itself. The empty database is a schema of its own in the test database (the
 * server's connection URL puts it first on the search path, so the application migrates and fills it;
 * the vector type stays in public); the other tests' catalogues are not touched and the server goes
 * back to its usual database afterwards.
 */
class DemoOnFirstStartIT {

    static final String URL = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    static final String USER = System.getenv().getOrDefault("DB_USER", "recommender");
    static final String PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "recommender");

    @Test
    void a_server_started_with_the_demo_flag_on_an_empty_database_loads_the_demo_shop() throws Exception {
        String schema = "demo_it_" + UUID.randomUUID().toString().substring(0, 8);
        sql("create schema " + schema);
        try {
            String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
            ItServer.restart(Map.of("DB_URL", url, "RECOMMENDER_DEMO", "true"));

            var catalogues = Api.get("/api/v1/catalogues").array();
            assertEquals(1, catalogues.size(), "only the demo shop: " + catalogues);
            assertEquals("demo-shop", catalogues.getJsonObject(0).getString("name"));
            assertEquals(300, count(schema, "item"));
            assertEquals(200, count(schema, "app_user"));
            assertTrue(count(schema, "interaction") > 2_000, "events of the simulated users");
        } finally {
            ItServer.restart(Map.of());
            sql("drop schema " + schema + " cascade");
        }
    }

    private static long count(String schema, String table) throws SQLException {
        try (var db = DriverManager.getConnection(URL, USER, PASSWORD);
                var rows = db.createStatement().executeQuery("select count(*) from " + schema + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (var db = DriverManager.getConnection(URL, USER, PASSWORD)) {
            db.createStatement().execute(statement);
        }
    }
}
