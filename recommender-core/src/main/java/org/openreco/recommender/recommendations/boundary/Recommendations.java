package org.openreco.recommender.recommendations.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openreco.recommender.embedding.boundary.TextEncoder;
import org.openreco.recommender.platform.boundary.InputChecks;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.recommendations.control.AnswerCache;
import org.openreco.recommender.recommendations.control.Candidate;
import org.openreco.recommender.recommendations.control.HybridRanking;
import org.openreco.recommender.recommendations.control.ImpressionBatches;
import org.openreco.recommender.recommendations.control.ImpressionLog;
import org.openreco.recommender.recommendations.control.ItemFilters;
import org.openreco.recommender.recommendations.control.NearestItems;
import org.openreco.recommender.recommendations.control.ServingGate;
import org.openreco.recommender.recommendations.control.ServingGeneration;
import org.openreco.recommender.recommendations.control.ServingStates;
import org.openreco.recommender.recommendations.control.Vectors;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * What to show: recommendations for a user, similar items, semantic search and recommendations from
 * example items. Each call ranks on one connection inside the {@link ServingGate} (a local JDBC
 * transaction or auto-commit, not JTA: the transaction manager is spared on the hottest path), then,
 * with that connection back in the pool, waits until its impressions are written under a new request id
 * ({@link ImpressionBatches}: answers arriving together share one insert).
 */
@ApplicationScoped
public class Recommendations {

    /** The longest search text; the model reads at most a few hundred tokens anyway. */
    public static final int MAX_QUERY_LENGTH = 1_000;
    /** How far a personalised search leans towards the user's taste. */
    static final float USER_SHARE_IN_SEARCH = 0.3f;

    /** The request pool: its short statement timeout bounds every serving read. */
    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource dataSource;

    @Inject
    ServingStates states;

    @Inject
    ServingGate gate;

    @Inject
    AnswerCache answers;

    @Inject
    ImpressionBatches impressions;

    /** Looked up on use: search needs it, the other calls work without a deployed encoder. */
    @Inject
    Instance<TextEncoder> encoder;

    /**
     * For a user: the hybrid ranking of the sources (collaborative, content, item-to-item, trending) by
     * the active model's blend weights, without the items they interacted with; before the first model
     * only content. A new user gets trending items, a user with their first events content and item-to-item
     * until the model has folded them in; the list is filled with trending items when the filters leave
     * fewer than n.
     */
    public RecommendationList forUser(String catalogue, String user, RecommendationQuery query) {
        return forUser(catalogue, user, query, true);
    }

    /** As {@link #forUser(String, String, RecommendationQuery)}, without logging impressions: for the console. */
    public RecommendationList preview(String catalogue, String user, RecommendationQuery query) {
        return forUser(catalogue, user, query, false);
    }

    /** The items nearest to an item by vector, without the item itself and unavailable items. */
    public RecommendationList similarItems(String catalogue, String item, RecommendationQuery query) {
        query.validated();
        return serve(catalogue, query.n(), (connection, generation) -> {
            var found = NearestItems.items(connection, generation, List.of(item)).get(item);
            if (found == null) {
                throw new NotFoundException("item '" + item + "' does not exist in catalogue '" + catalogue + "'");
            }
            if (found.vector() == null) {
                return new Served(null, List.of());
            }
            var filters = filters(query).excluding(List.of(found.itemId()));
            return new Served(null, NearestItems.nearest(connection, generation, found.vector(), filters, null,
                    List.of(found.itemId()), Source.ITEM_TO_ITEM, query.n()));
        }, true);
    }

    /**
     * Semantic search: the text encoded with the catalogue's model, nudged towards the user's taste when
     * a known user with a vector is given.
     */
    public RecommendationList search(String catalogue, String text, String user, RecommendationQuery query) {
        return search(catalogue, text, user, query, true);
    }

    /** As {@link #search(String, String, String, RecommendationQuery)}, without logging impressions: for the console. */
    public RecommendationList searchPreview(String catalogue, String text, String user, RecommendationQuery query) {
        return search(catalogue, text, user, query, false);
    }

    private RecommendationList search(String catalogue, String text, String user, RecommendationQuery query,
            boolean logImpressions) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("q", "is required");
        }
        String problem = InputChecks.text(text, MAX_QUERY_LENGTH);
        if (problem != null) {
            throw new InvalidInputException("q", problem);
        }
        query.validated();
        return serve(catalogue, query.n(), (connection, generation) -> {
            var userVector = user == null || user.isBlank() ? null : NearestItems.user(connection, generation, user);
            Long userId = userVector == null ? null : userVector.userId();
            if (!generation.hasVectors()) {
                return new Served(userId, List.of());
            }
            float[] vector = encoder().encode(generation.model(), text.strip());
            if (userVector != null && userVector.vector() != null) {
                vector = Vectors.blend(vector, userVector.vector(), USER_SHARE_IN_SEARCH);
            }
            return new Served(userId, NearestItems.nearest(connection, generation, vector, filters(query), null, List.of(),
                    Source.SEARCH, query.n()));
        }, logImpressions);
    }

    /**
     * "More like these, not like those": the items nearest to Qdrant's average vector of the examples
     * (2·mean(positive) − mean(negative)), without the examples. An unknown example is a 400 naming the
     * field; examples not embedded yet are skipped.
     */
    public RecommendationList fromExamples(String catalogue, ExampleQuery query) {
        query.validated();
        var filters = query.filters();
        return serve(catalogue, filters.n(), (connection, generation) -> {
            var all = new ArrayList<>(query.positive());
            all.addAll(query.negative());
            var items = NearestItems.items(connection, generation, all);
            for (String field : List.of("positive", "negative")) {
                for (String id : field.equals("positive") ? query.positive() : query.negative()) {
                    if (!items.containsKey(id)) {
                        throw new InvalidInputException(field, "item '" + id + "' does not exist in catalogue '" + catalogue + "'");
                    }
                }
            }
            var positive = query.positive().stream().map(items::get).filter(i -> i.vector() != null).toList();
            var negative = query.negative().stream().map(items::get).filter(i -> i.vector() != null).toList();
            if (positive.isEmpty()) {
                return new Served(null, List.of());
            }
            float[] target = Vectors.towardsAndAway(positive.stream().map(NearestItems.ItemVector::vector).toList(),
                    negative.stream().map(NearestItems.ItemVector::vector).toList());
            var examples = items.values().stream().map(NearestItems.ItemVector::itemId).toList();
            return new Served(null, NearestItems.nearest(connection, generation, target, filters(filters).excluding(examples),
                    null, positive.stream().map(NearestItems.ItemVector::itemId).toList(), Source.CONTENT, filters.n()));
        }, true);
    }

    private RecommendationList forUser(String catalogue, String user, RecommendationQuery query, boolean logImpressions) {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("user", "is required");
        }
        query.validated();
        // the console's preview always ranks afresh; a storefront's answer may come from the cache
        var key = logImpressions && answers.enabled() ? new AnswerCache.Key(catalogue, user, query) : null;
        if (key != null) {
            var kept = answers.find(key);
            if (kept != null) {
                return logged(kept.catalogueId(), kept.userId(), kept.candidates());
            }
        }
        long startedAt = key == null ? 0 : answers.start();
        var state = states.state(catalogue);
        var answer = gate.through(() -> autoCommitted(connection -> {
            var ranked = HybridRanking.forUser(connection, state, user, filters(query), query.n(), query.diversity());
            var candidates = distinct(ranked.candidates());
            // only known users' answers: an unknown user's first event creates them without a change to announce
            if (key != null && ranked.userId() != null) {
                answers.keep(key, new AnswerCache.Answer(state.catalogueId(), ranked.userId(), candidates, startedAt));
            }
            return new Served(ranked.userId(), candidates);
        }));
        if (logImpressions) {
            return logged(state.catalogueId(), answer.userId(), answer.candidates());
        }
        return new RecommendationList(UUID.randomUUID(), answer.candidates().stream().map(Recommendations::recommendation).toList());
    }

    private static ItemFilters filters(RecommendationQuery query) {
        return new ItemFilters(null, query.exclude(), List.of(), query.categories(), query.attributes());
    }

    private TextEncoder encoder() {
        if (encoder.isUnsatisfied()) {
            throw new IllegalStateException("no TextEncoder is deployed: semantic search needs the embedding model");
        }
        return encoder.get();
    }

    /** The candidates of one answer and the user they were for (null: anonymous or unknown). */
    private record Served(Long userId, List<Candidate> candidates) {
    }

    @FunctionalInterface
    private interface Answering {
        Served serve(Connection connection, ServingGeneration generation) throws SQLException;
    }

    private RecommendationList serve(String catalogue, int n, Answering answering, boolean logImpressions) {
        return serve(catalogue, n, null, answering, logImpressions);
    }

    /**
     * Resolves the serving state (and the user, when named), answers and logs the impressions, on one
     * connection, through the {@link ServingGate}.
     */
    private RecommendationList serve(String catalogue, int n, String user, Answering answering, boolean logImpressions) {
        record Answered(long catalogueId, Served served) {
        }
        var answer = gate.through(() -> inTransaction(connection -> {
            var generation = ServingGeneration.resolve(connection, catalogue, ServingGeneration.efSearch(n), user);
            var served = answering.serve(connection, generation);
            return new Answered(generation.catalogueId(), new Served(served.userId(), distinct(served.candidates())));
        }));
        if (logImpressions) {
            return logged(answer.catalogueId(), answer.served().userId(), answer.served().candidates());
        }
        return new RecommendationList(UUID.randomUUID(),
                answer.served().candidates().stream().map(Recommendations::recommendation).toList());
    }

    /**
     * The answer under a new request id, once its impressions are written under that id (grouped with
     * other answers' by {@link ImpressionBatches}, after the answer's own connection went back to the pool).
     */
    private RecommendationList logged(long catalogueId, Long userId, List<Candidate> candidates) {
        var requestId = UUID.randomUUID();
        try {
            impressions.write(new ImpressionLog.Shown(catalogueId, requestId, userId, candidates));
        } catch (SQLException e) {
            throw new IllegalStateException("serving failed in the database", e);
        }
        return new RecommendationList(requestId, candidates.stream().map(Recommendations::recommendation).toList());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Reads in auto-commit: each statement is its own snapshot, with no transaction to begin or end. */
    private <T> T autoCommitted(Work<T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("serving failed in the database", e);
        }
    }

    /** One local transaction on a connection of its own; rolled back when the work throws. */
    private <T> T inTransaction(Work<T> work) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("serving failed in the database", e);
        }
    }

    private static List<Candidate> distinct(List<Candidate> candidates) {
        var seen = new HashSet<Long>();
        return candidates.stream().filter(c -> seen.add(c.id())).toList();
    }

    private static Recommendation recommendation(Candidate candidate) {
        return new Recommendation(candidate.externalId(), candidate.title(), candidate.categories(), candidate.score(),
                candidate.source().label(), candidate.reason() != null ? candidate.reason() : reason(candidate));
    }

    /** Why an item is shown, in words a storefront can display. */
    static String reason(Candidate candidate) {
        return switch (candidate.source()) {
            case CONTENT -> candidate.nearestAnchor() == null ? "matches your taste"
                    : "similar to ‹" + candidate.nearestAnchor() + "› you liked";
            case ITEM_TO_ITEM -> candidate.nearestAnchor() == null ? "similar item" : "similar to ‹" + candidate.nearestAnchor() + "›";
            case SEARCH -> "matches your search";
            case TRENDING -> "popular this week";
            case COLLABORATIVE -> "liked by people with your taste";
            case EASE, RP3BETA -> candidate.nearestAnchor() == null ? "liked by people with your taste"
                    : "because you watched ‹" + candidate.nearestAnchor() + "›";
            case LATEST -> "new in the catalogue";
        };
    }
}
