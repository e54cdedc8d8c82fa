package org.openreco.recommender.platform.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands a generated password to the operator through a file only the server's user can read: a log is
 * read, copied and shipped by many, a file with mode 0600 by its owner only.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    /** Writes the password to the file, readable and writable by the owner only from its first byte on. */
    static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.getParent());
        Path draft = Files.createTempFile(file.getParent(), ".password-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, password + "\n", StandardCharsets.UTF_8);
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
