package org.openreco.recommender.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path folder;

    @Test
    void the_password_file_is_readable_by_its_owner_only() throws Exception {
        Path file = folder.resolve("data/admin-password");

        PasswordFile.write(file, "s3cret");

        assertEquals("s3cret", Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void a_world_readable_file_in_the_way_is_replaced_not_reused() throws Exception {
        Path file = Files.writeString(folder.resolve("admin-password"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PasswordFile.write(file, "new");

        assertEquals("new", Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "no draft left behind");
        }
    }
}
