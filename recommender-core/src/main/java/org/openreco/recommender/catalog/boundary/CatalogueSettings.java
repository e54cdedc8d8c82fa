package org.openreco.recommender.catalog.boundary;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/**
 * How a catalogue is run: the event types it accepts with their weights (a rating's weight is
 * multiplied by value minus the rating pivot, so low ratings count as negative), the embedding model,
 * how often the re-embedding batch drains the queue, and the half-life of a user's taste (an event's
 * weight in the user vector halves every {@code userHalfLifeDays}; null reads as the default, so clients
 * that predate it keep working), and how often a collaborative model is retrained on schedule
 * ({@code trainingIntervalHours}; null or 0: never), and where the collaborative model is trained
 * ({@code trainingEngine}: {@code in-server}, the default, or {@code spark} on the cluster {@code sparkMaster}
 * names, for catalogues that outgrow one server's heap). Stored as the catalogue's settings JSON.
 */
public record CatalogueSettings(Map<String, Double> eventWeights, double ratingPivot, String embeddingModel,
        int reembedIntervalSeconds, Double userHalfLifeDays, Integer trainingIntervalHours, String trainingEngine,
        String sparkMaster) {

    /** The constructor JSON-B binds a request body to (a record with several constructors must name it). */
    @JsonbCreator
    public CatalogueSettings(@JsonbProperty("eventWeights") Map<String, Double> eventWeights,
            @JsonbProperty("ratingPivot") double ratingPivot, @JsonbProperty("embeddingModel") String embeddingModel,
            @JsonbProperty("reembedIntervalSeconds") int reembedIntervalSeconds,
            @JsonbProperty("userHalfLifeDays") Double userHalfLifeDays,
            @JsonbProperty("trainingIntervalHours") Integer trainingIntervalHours,
            @JsonbProperty("trainingEngine") String trainingEngine,
            @JsonbProperty("sparkMaster") String sparkMaster) {
        this.eventWeights = eventWeights;
        this.ratingPivot = ratingPivot;
        this.embeddingModel = embeddingModel;
        this.reembedIntervalSeconds = reembedIntervalSeconds;
        this.userHalfLifeDays = userHalfLifeDays;
        this.trainingIntervalHours = trainingIntervalHours;
        this.trainingEngine = trainingEngine;
        this.sparkMaster = sparkMaster;
    }

    /** Settings that train in the server. */
    public CatalogueSettings(Map<String, Double> eventWeights, double ratingPivot, String embeddingModel,
            int reembedIntervalSeconds, Double userHalfLifeDays, Integer trainingIntervalHours) {
        this(eventWeights, ratingPivot, embeddingModel, reembedIntervalSeconds, userHalfLifeDays, trainingIntervalHours,
                null, null);
    }

    /** Settings without a training schedule. */
    public CatalogueSettings(Map<String, Double> eventWeights, double ratingPivot, String embeddingModel,
            int reembedIntervalSeconds, Double userHalfLifeDays) {
        this(eventWeights, ratingPivot, embeddingModel, reembedIntervalSeconds, userHalfLifeDays, null);
    }

    public static final int MAX_EVENT_TYPES = 50;
    public static final double MAX_ABS_WEIGHT = 1_000;
    public static final int MAX_REEMBED_INTERVAL_SECONDS = 86_400;
    public static final double DEFAULT_USER_HALF_LIFE_DAYS = 30;
    public static final double MAX_USER_HALF_LIFE_DAYS = 36_500;
    /** A year: a model retrained less often than that is better retrained by hand. */
    public static final int MAX_TRAINING_INTERVAL_HOURS = 8_760;
    public static final String IN_SERVER = "in-server", SPARK = "spark";
    /**
     * The master URLs Spark itself accepts: local threads, a standalone cluster, YARN, Kubernetes. No
     * blanks or shell characters: the master is one argument of the job's command line.
     */
    private static final Pattern SPARK_MASTER = Pattern.compile(
            "local(\\[([1-9][0-9]{0,3}|\\*)\\])?|spark://[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*|yarn"
                    + "|k8s://https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    /** An event type is stored in interaction.type, varchar(30). */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");

    public static CatalogueSettings defaults() {
        return new CatalogueSettings(Map.of(
                "view", 1.0, "click", 2.0, "like", 4.0, "add-to-cart", 5.0, "purchase", 8.0,
                "dislike", -4.0, "rating", 1.0), 2.5, EmbeddingModel.MINILM.modelName(), 1, DEFAULT_USER_HALF_LIFE_DAYS);
    }

    /** Whether a model is retrained on schedule. */
    public boolean trainsOnSchedule() {
        return trainingIntervalHours != null && trainingIntervalHours > 0;
    }

    /** The half-life in days, the default where none was given. */
    public double halfLifeDays() {
        return userHalfLifeDays == null ? DEFAULT_USER_HALF_LIFE_DAYS : userHalfLifeDays;
    }

    /** Whether the collaborative model is trained by a Spark job (on {@link #sparkMaster}) rather than in the server. */
    public boolean trainsOnSpark() {
        return SPARK.equals(trainingEngine);
    }

    /** These settings with the defaults filled in where a field was left out. */
    public CatalogueSettings completed() {
        boolean spark = trainsOnSpark();
        return new CatalogueSettings(eventWeights, ratingPivot, embeddingModel, reembedIntervalSeconds, halfLifeDays(),
                trainingIntervalHours, spark ? SPARK : IN_SERVER, spark ? sparkMaster.strip() : null);
    }

    /** These settings training on another engine (the master is ignored in the server). */
    public CatalogueSettings withTrainingEngine(String engine, String master) {
        return new CatalogueSettings(eventWeights, ratingPivot, embeddingModel, reembedIntervalSeconds, userHalfLifeDays,
                trainingIntervalHours, engine, master);
    }

    /** The weight of an event of this type, or null when the catalogue does not accept the type. */
    public Double weight(String type, Double value) {
        Double weight = eventWeights.get(type);
        if (weight == null || !"rating".equals(type) || value == null) {
            return weight;
        }
        return weight * (value - ratingPivot);
    }

    /** The first rule these settings break as {field, reason}, or null when they are valid. */
    public String[] problem() {
        if (eventWeights == null || eventWeights.isEmpty()) {
            return new String[] {"eventWeights", "must name at least one event type"};
        }
        if (eventWeights.size() > MAX_EVENT_TYPES) {
            return new String[] {"eventWeights", "must name at most " + MAX_EVENT_TYPES + " event types"};
        }
        for (var entry : eventWeights.entrySet()) {
            if (entry.getKey() == null || !EVENT_TYPE.matcher(entry.getKey()).matches()) {
                return new String[] {"eventWeights", "event type '" + entry.getKey()
                        + "' must be 1 to 30 lower-case letters, digits, '-' or '_', starting with a letter"};
            }
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || Math.abs(weight) > MAX_ABS_WEIGHT) {
                return new String[] {"eventWeights", "the weight of '" + entry.getKey()
                        + "' must be a number between -" + MAX_ABS_WEIGHT + " and " + MAX_ABS_WEIGHT};
            }
        }
        if (!Double.isFinite(ratingPivot)) {
            return new String[] {"ratingPivot", "must be a finite number"};
        }
        if (embeddingModel == null || embeddingModel.isBlank()) {
            return new String[] {"embeddingModel", "is required"};
        }
        if (EmbeddingModel.named(embeddingModel).isEmpty()) {
            return new String[] {"embeddingModel", "must be one of " + Arrays.stream(EmbeddingModel.values())
                    .map(EmbeddingModel::modelName).toList() + " (not '" + embeddingModel.strip() + "')"};
        }
        if (reembedIntervalSeconds < 1 || reembedIntervalSeconds > MAX_REEMBED_INTERVAL_SECONDS) {
            return new String[] {"reembedIntervalSeconds", "must be between 1 and " + MAX_REEMBED_INTERVAL_SECONDS};
        }
        if (userHalfLifeDays != null && (!(userHalfLifeDays > 0) || userHalfLifeDays > MAX_USER_HALF_LIFE_DAYS)) {
            return new String[] {"userHalfLifeDays", "must be a number of days above 0 and at most " + (int) MAX_USER_HALF_LIFE_DAYS};
        }
        if (trainingIntervalHours != null && (trainingIntervalHours < 0 || trainingIntervalHours > MAX_TRAINING_INTERVAL_HOURS)) {
            return new String[] {"trainingIntervalHours", "must be between 0 (no scheduled training) and "
                    + MAX_TRAINING_INTERVAL_HOURS};
        }
        if (trainingEngine != null && !trainingEngine.equals(IN_SERVER) && !trainingEngine.equals(SPARK)) {
            return new String[] {"trainingEngine", "must be '" + IN_SERVER + "' or '" + SPARK + "' (not '" + trainingEngine + "')"};
        }
        if (trainsOnSpark() && (sparkMaster == null || sparkMaster.isBlank())) {
            return new String[] {"sparkMaster", "is required when trainingEngine is 'spark' (e.g. local[2] or spark://host:7077)"};
        }
        if (trainsOnSpark() && !SPARK_MASTER.matcher(sparkMaster.strip()).matches()) {
            return new String[] {"sparkMaster", "must be local, local[N], local[*], spark://host:port, yarn or "
                    + "k8s://https://host:port (not '" + sparkMaster + "')"};
        }
        return null;
    }
}
