package org.openreco.recommender.spark;

import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The job's main: trains one model version the server opened (status training) and writes its factors
 * and neighbours, then exits 0; on any failure it prints one line {@code training failed: <reason>} on
 * standard error and exits 1, which the server records on the version. Arguments: {@link JobArguments}.
 */
public final class SparkTrainingJob {

    /** The prefix of the line the server reads the failure from. */
    public static final String FAILED = "training failed: ";
    private static final Logger LOG = Logger.getLogger(SparkTrainingJob.class.getName());

    private SparkTrainingJob() {
    }

    public static void main(String[] args) {
        try {
            run(JobArguments.parse(args, System.getenv()));
        } catch (Throwable e) {
            System.err.println(FAILED + message(e));
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(JobArguments arguments) throws Exception {
        VersionRow version = new VersionRow(arguments);
        VersionRow.Parameters parameters = version.parameters();
        int epochs = parameters.epochs();
        version.progress("spark: starting on " + arguments.master(), 0, epochs);
        SparkSession spark = SparkSession.builder()
                .appName("recommender-training-v" + arguments.modelVersion())
                .master(arguments.master())
                .config("spark.ui.enabled", false)
                .config("spark.local.dir", arguments.localDir())
                .config("spark.sql.shuffle.partitions", Math.max(2, arguments.partitions()))
                // only the tables the job names are broadcast (the items' degrees): the planner's estimate of
                // an aggregate's size can be far too small, and a broadcast that does not fit fails the job
                .config("spark.sql.autoBroadcastJoinThreshold", -1)
                .getOrCreate();
        try {
            version.progress("spark: reading events", 0, epochs);
            Dataset<Row> positives = new PositiveEvents(spark, arguments).read(parameters.catalogueId())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            version.progress("spark: training ALS", 0, epochs);
            SparkAls.Factors factors = new SparkAls(parameters).fit(positives);
            version.progress("spark: item neighbours", epochs, epochs);
            Dataset<Row> neighbours = new CooccurrenceNeighbours(parameters.neighbours()).neighbours(positives);
            version.progress("spark: storing factors and neighbours", epochs, epochs);
            VersionWriter writer = new VersionWriter(arguments);
            writer.itemFactors(factors.items());
            writer.userFactors(factors.users());
            writer.neighbours(neighbours);
            version.progress("spark: done", epochs, epochs);
            LOG.info("model version " + arguments.modelVersion() + ": trained and stored");
        } finally {
            spark.stop();
        }
    }

    /** The failure in one line: the deepest cause's message, never a stack trace. */
    static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                : cause.getMessage().strip();
        return message.lines().findFirst().orElse(message);
    }
}
