package org.openreco.recommender.imports.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobHistoryCleanupTest {

    @TempDir
    Path uploads;

    @Test
    void uploads_older_than_the_retention_are_removed_younger_ones_stay() throws Exception {
        Path old = Files.writeString(uploads.resolve("old.csv"), "x");
        Path young = Files.writeString(uploads.resolve("young.csv"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(31))));

        assertEquals(1, JobHistoryCleanup.removeFilesOlderThan(uploads, Instant.now().minus(Duration.ofDays(30))));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(young));
        assertEquals(0, JobHistoryCleanup.removeFilesOlderThan(uploads.resolve("missing"), Instant.now()));
    }

    @Test
    void error_reports_are_kept_the_configured_days_else_ninety() {
        assertEquals(7, JobHistoryCleanup.errorRetentionDays("7"));
        assertEquals(365, JobHistoryCleanup.errorRetentionDays(" 365 "));
        assertEquals(90, JobHistoryCleanup.errorRetentionDays(null));
        assertEquals(90, JobHistoryCleanup.errorRetentionDays("0"));
        assertEquals(90, JobHistoryCleanup.errorRetentionDays("a year"));
    }
}
