package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server reads a Spark job's failure and builds its command, without running one. */
class SparkJobTest {

    @TempDir
    Path folder;

    @Test
    void the_jobs_own_failure_line_is_the_reason_even_before_later_logging() throws Exception {
        Path log = folder.resolve("job.log");
        Files.writeString(log, "26/12/08 INFO SparkContext: Running Spark version 4.2.0\n"
                + "training failed: Connection to localhost:1 refused\n26/12/08 INFO ShutdownHookManager: Shutdown hook called\n");
        assertEquals("Connection to localhost:1 refused", SparkJob.reason(log));
    }

    @Test
    void without_a_failure_line_the_last_line_written_is_the_reason() throws Exception {
        Path log = folder.resolve("job.log");
        Files.writeString(log, "Error: Could not find or load main class org.openreco.recommender.spark.SparkTrainingJob\n\n");
        assertEquals("Error: Could not find or load main class org.openreco.recommender.spark.SparkTrainingJob", SparkJob.reason(log));
        Files.writeString(log, "");
        assertEquals("no output", SparkJob.reason(log));
    }

    @Test
    void a_server_without_the_jobs_classpath_says_which_property_to_set() {
        String command = System.clearProperty(SparkJob.COMMAND), classpath = System.clearProperty(SparkJob.CLASSPATH);
        try {
            var problem = assertThrows(IllegalStateException.class, SparkJob::launcher);
            assertTrue(problem.getMessage().contains(SparkJob.CLASSPATH), problem.getMessage());
            System.setProperty(SparkJob.COMMAND, " /opt/spark/bin/spark-submit  --class X job.jar ");
            assertEquals(java.util.List.of("/opt/spark/bin/spark-submit", "--class", "X", "job.jar"), SparkJob.launcher());
        } finally {
            System.clearProperty(SparkJob.COMMAND);
            if (command != null) {
                System.setProperty(SparkJob.COMMAND, command);
            }
            if (classpath != null) {
                System.setProperty(SparkJob.CLASSPATH, classpath);
            }
        }
    }

    @Test
    void the_classpath_may_come_from_a_file() throws Exception {
        String command = System.clearProperty(SparkJob.COMMAND), classpath = System.clearProperty(SparkJob.CLASSPATH);
        Path file = folder.resolve("spark.classpath");
        Files.writeString(file, "/srv/spark/classes:/srv/spark/lib/a.jar\n");
        System.setProperty(SparkJob.CLASSPATH_FILE, file.toString());
        try {
            var launcher = SparkJob.launcher();
            assertEquals("/srv/spark/classes:/srv/spark/lib/a.jar", launcher.get(launcher.indexOf("-cp") + 1));
            assertEquals(SparkJob.MAIN, launcher.getLast());
        } finally {
            System.clearProperty(SparkJob.CLASSPATH_FILE);
            if (command != null) {
                System.setProperty(SparkJob.COMMAND, command);
            }
            if (classpath != null) {
                System.setProperty(SparkJob.CLASSPATH, classpath);
            }
        }
    }
}
