package org.openreco.recommender.training.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openreco.recommender.embedding.control.Transactions;

/**
 * The Spark job that trains a model version's collaborative model (module recommender-spark), run as a
 * process beside the server so that Spark's jars and memory stay out of it. The command is
 * {@value #COMMAND} (e.g. a {@code spark-submit --class … job.jar} for an existing cluster), else a JVM on
 * the job's classpath {@value #CLASSPATH} with heap {@value #HEAP}; the server appends the version, the
 * newest interaction id it read, the master, and the database's URL and user. The password reaches the
 * job through the environment it inherits ({@code DB_PASSWORD}), never its command line. The job reports
 * its phases on the version's row; while it runs the server waits, ending the process when the version
 * stops training (a watchdog gave it up), and turns a failed exit into an exception with the job's reason.
 */
public final class SparkJob {

    /** System property: the whole command before the job's arguments, split at blanks. */
    public static final String COMMAND = "recommender.spark.command";
    /** System property: the job's classpath (recommender-spark's classes and jars), when no command is set. */
    public static final String CLASSPATH = "recommender.spark.classpath";
    /** System property: a file holding the job's classpath, read when {@value #CLASSPATH} is not set. */
    public static final String CLASSPATH_FILE = "recommender.spark.classpath-file";
    /** System property: the heap of the job's JVM (default 2g). */
    public static final String HEAP = "recommender.spark.heap";
    static final String MAIN = "org.openreco.recommender.spark.SparkTrainingJob";
    static final String FAILED = "training failed: ";
    private static final Logger LOG = Logger.getLogger(SparkJob.class.getName());

    private final Transactions transactions;
    private final Path workDirectory;

    /** @param workDirectory the job's log and Spark's scratch space (spark.local.dir) */
    public SparkJob(Transactions transactions, Path workDirectory) {
        this.transactions = transactions;
        this.workDirectory = workDirectory;
    }

    /** In the server: under java.io.tmpdir, which bin/server.sh places inside the server's folder. */
    public SparkJob(Transactions transactions) {
        this(transactions, Path.of(System.getProperty("java.io.tmpdir"), "spark-training"));
    }

    /** Runs the job for the version to its end; IllegalStateException with the job's reason when it fails. */
    public void run(long versionId, long throughId, String master) {
        List<String> command = new ArrayList<>(launcher());
        String[] database = transactions.inNew(c -> new String[] {c.getMetaData().getURL(), c.getMetaData().getUserName()});
        Path log = workDirectory.resolve("model-version-" + versionId + ".log");
        command.addAll(List.of("--model-version=" + versionId, "--through-id=" + throughId, "--master=" + master,
                "--jdbc-url=" + database[0], "--jdbc-user=" + database[1], "--local-dir=" + workDirectory.resolve("local")));
        Process process;
        try {
            Files.createDirectories(workDirectory.resolve("local"));
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (master.startsWith("local")) {
                builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("the Spark job could not start (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        LOG.info("model version " + versionId + ": Spark job started on " + master + " (process " + process.pid() + ", log " + log + ")");
        try {
            while (!process.waitFor(2, TimeUnit.SECONDS)) {
                if (!transactions.inNew(c -> new ModelVersions(c).find(versionId)).map(v -> v.status().equals("training")).orElse(false)) {
                    end(process);
                    throw new IllegalStateException("model version " + versionId + " stopped training: its Spark job was ended");
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Spark job ran: the job was ended", e);
        } catch (RuntimeException e) {
            end(process);
            throw e;
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new IllegalStateException("the Spark job failed (exit " + exit + (exit > 128 ? ", killed by signal " + (exit - 128) : "")
                    + "): " + reason(log));
        }
    }

    /** Ends the job and waits for it, so that it writes no rows after the version's are removed. */
    private static void end(Process process) {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command before the job's arguments. */
    static List<String> launcher() {
        String command = System.getProperty(COMMAND);
        if (command != null && !command.isBlank()) {
            return List.of(command.strip().split("\\s+"));
        }
        String classpath = System.getProperty(CLASSPATH);
        String classpathFile = System.getProperty(CLASSPATH_FILE);
        if ((classpath == null || classpath.isBlank()) && classpathFile != null && !classpathFile.isBlank()) {
            try {
                classpath = Files.readString(Path.of(classpathFile)).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the Spark job's classpath from " + classpathFile + ": " + e.getMessage(), e);
            }
        }
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("Spark training is not set up on this server: set the system property " + CLASSPATH
                    + " or " + CLASSPATH_FILE + " (bin/server.sh does when recommender-spark is built) or " + COMMAND);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty(HEAP, "2g"), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", classpath, MAIN);
    }

    /** The job's own failure line, else the last line it wrote. */
    static String reason(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = "no output";
            for (String line : lines) {
                if (line.startsWith(FAILED)) {
                    return line.substring(FAILED.length()).strip();
                }
                if (!line.isBlank()) {
                    last = line.strip();
                }
            }
            return last;
        } catch (IOException e) {
            return "no readable output (" + e.getMessage() + ")";
        }
    }
}
