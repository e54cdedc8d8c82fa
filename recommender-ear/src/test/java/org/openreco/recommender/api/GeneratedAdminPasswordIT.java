package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server started without ADMIN_PASSWORD on an empty database generates the admin's password and hands it
 * over in a file only its user can read, never in server.log (logs are read, copied and shipped by many).
 * The empty database is a schema of its own, as in {@link DemoOnFirstStartIT}.
 */
class GeneratedAdminPasswordIT {

    private static final Path INSTANCE = Path.of(System.getProperty("user.dir")).toAbsolutePath()
            .resolve("target/server/instance-" + ItServer.OFFSET);
    private static final Path PASSWORD_FILE = INSTANCE.resolve("data/recommender/admin-password");
    private static final Path LOG = INSTANCE.resolve("log/server.log");

    @Test
    void a_generated_password_is_in_a_private_file_and_not_in_the_log() throws Exception {
        String schema = "admin_it_" + UUID.randomUUID().toString().substring(0, 8);
        sql("create schema " + schema);
        try {
            Files.deleteIfExists(PASSWORD_FILE);
            String url = DemoOnFirstStartIT.URL + (DemoOnFirstStartIT.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
            ItServer.restart(Map.of("DB_URL", url, "ADMIN_PASSWORD", ""));

            assertTrue(Files.exists(PASSWORD_FILE), "the generated password is handed over in " + PASSWORD_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORD_FILE)));
            String password = Files.readString(PASSWORD_FILE).strip();
            assertEquals(20, password.length(), password);
            assertFalse(Files.readString(LOG).contains(password), "server.log must not carry the password");
            assertEquals(200, Api.as("admin", password, "/api/v1/catalogues").status(), "the handed-over password opens the API");
        } finally {
            Files.deleteIfExists(PASSWORD_FILE);
            ItServer.restart(Map.of());
            sql("drop schema " + schema + " cascade");
        }
    }

    private static void sql(String statement) throws SQLException {
        try (var db = DriverManager.getConnection(DemoOnFirstStartIT.URL, DemoOnFirstStartIT.USER, DemoOnFirstStartIT.PASSWORD)) {
            db.createStatement().execute(statement);
        }
    }
}
