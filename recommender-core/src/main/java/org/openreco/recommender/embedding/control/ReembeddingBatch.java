package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;
import org.openreco.recommender.embedding.control.EmbeddingQueue.Mark;
import org.openreco.recommender.training.control.CollaborativeFoldIn;

/**
 * One re-embedding batch of a catalogue, in one transaction: claim (and delete) up to n due marks,
 * re-encode the items for every live generation, fold the users' new events (and into the active
 * collaborative model), write the vectors, log
 * the batch, commit. When the transaction fails it is rolled back (the marks come back) and the marks
 * are retried in halves, each half its own transaction, down to single marks: the good ones get their
 * vectors, only a mark that fails alone has the failure recorded (backoff, then parked), so one poison
 * item never holds its batch back.
 */
public final class ReembeddingBatch {

    public static final int DEFAULT_SIZE = 256;
    /** Entities a writer held, or users waiting for an item's vector: looked at again after this long. */
    static final int LATER_SECONDS = 1;

    /** What a run did. {@code claimed} counts the marks taken in the first transaction. */
    public record Report(int claimed, int items, int users, int encoded, int failed, long durationMs, int[] lagsMs) {

        static final Report NONE = new Report(0, 0, 0, 0, 0, 0, new int[0]);

        Report plus(Report other) {
            int[] lags = new int[lagsMs.length + other.lagsMs.length];
            System.arraycopy(lagsMs, 0, lags, 0, lagsMs.length);
            System.arraycopy(other.lagsMs, 0, lags, lagsMs.length, other.lagsMs.length);
            return new Report(claimed + other.claimed, items + other.items, users + other.users, encoded + other.encoded,
                    failed + other.failed, durationMs + other.durationMs, lags);
        }
    }

    /** Told after each commit which users' vectors (and factors) the batch rewrote. */
    @FunctionalInterface
    public interface FoldedUsers {
        void committed(long catalogueId, List<Long> userIds);
    }

    private final Transactions transactions;
    private final TextEncoder encoder;
    private final FoldedUsers folded;

    public ReembeddingBatch(Transactions transactions, TextEncoder encoder) {
        this(transactions, encoder, (catalogueId, users) -> { });
    }

    public ReembeddingBatch(Transactions transactions, TextEncoder encoder, FoldedUsers folded) {
        this.transactions = transactions;
        this.encoder = encoder;
        this.folded = folded;
    }

    /** Runs one batch of up to {@code size} marks for the catalogue, with the catalogue's current model and half-life. */
    public Report run(long catalogueId, EmbeddingModel model, double halfLifeDays, int size) {
        long started = System.nanoTime();
        List<Mark> claimed = new ArrayList<>();
        try {
            var report = transactions.inNew(connection -> {
                var marks = new EmbeddingQueue(connection).claim(catalogueId, size);
                claimed.addAll(marks);
                return marks.isEmpty() ? Report.NONE
                        : process(connection, catalogueId, marks, model, halfLifeDays, started, marks.size());
            });
            announce(catalogueId, claimed);
            return report;
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                throw e;
            }
            Report retried = retryInHalves(catalogueId, claimed, model, halfLifeDays, e);
            // some halves committed: announcing every claimed user costs a few recomputations at most
            announce(catalogueId, claimed);
            return new Report(claimed.size(), retried.items(), retried.users(), retried.encoded(), retried.failed(),
                    (System.nanoTime() - started) / 1_000_000, retried.lagsMs());
        }
    }

    private Report retryInHalves(long catalogueId, List<Mark> marks, EmbeddingModel model, double halfLifeDays,
            RuntimeException failure) {
        if (marks.size() == 1) {
            String reason = reason(failure);
            transactions.inNew(connection -> {
                new EmbeddingQueue(connection).recordFailure(List.of(marks.getFirst().id()), reason);
                return null;
            });
            return new Report(0, 0, 0, 0, 1, 0, new int[0]);
        }
        Report total = Report.NONE;
        int middle = marks.size() / 2;
        for (List<Mark> half : List.of(marks.subList(0, middle), marks.subList(middle, marks.size()))) {
            long started = System.nanoTime();
            List<Mark> again = new ArrayList<>();
            try {
                total = total.plus(transactions.inNew(connection -> {
                    var reclaimed = new EmbeddingQueue(connection).claimAgain(half.stream().map(Mark::id).toList());
                    again.addAll(reclaimed);
                    return reclaimed.isEmpty() ? Report.NONE
                            : process(connection, catalogueId, reclaimed, model, halfLifeDays, started, 0);
                }));
            } catch (RuntimeException e) {
                if (!again.isEmpty()) {
                    total = total.plus(retryInHalves(catalogueId, again, model, halfLifeDays, e));
                }
            }
        }
        return total;
    }

    private Report process(Connection connection, long catalogueId, List<Mark> marks, EmbeddingModel model,
            double halfLifeDays, long started, int claimed) throws SQLException {
        var queue = new EmbeddingQueue(connection);
        var generations = new Generations(connection).liveForBatch(catalogueId, model);
        List<Long> items = marks.stream().filter(Mark::isItem).map(Mark::entityId).toList();
        List<Long> users = marks.stream().filter(m -> !m.isItem()).map(Mark::entityId).toList();
        var itemResult = new ItemVectors(connection, encoder).embed(items, generations);
        var userResult = new UserVectors(connection, encoder).fold(users, generations, halfLifeDays);
        CollaborativeFoldIn.foldSafely(connection, catalogueId, users);
        Set<String> later = new HashSet<>();
        itemResult.busy().forEach(id -> later.add("item:" + id));
        userResult.later().forEach(id -> later.add("user:" + id));
        List<Instant> cleared = new ArrayList<>();
        for (Mark mark : marks) {
            if (later.contains(mark.kind() + ":" + mark.entityId())) {
                queue.remark(catalogueId, mark.kind(), mark.entityId(), mark.enqueuedAt(), LATER_SECONDS);
            } else {
                cleared.add(mark.enqueuedAt());
            }
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        int encoded = itemResult.encoded() + userResult.encoded();
        int[] lags = new BatchLog(connection).record(catalogueId, items.size(), users.size(), encoded, 0, durationMs, cleared);
        return new Report(claimed, items.size(), users.size(), encoded, 0, durationMs, lags);
    }

    private void announce(long catalogueId, List<Mark> marks) {
        var users = marks.stream().filter(m -> !m.isItem()).map(Mark::entityId).toList();
        if (!users.isEmpty()) {
            folded.committed(catalogueId, users);
        }
    }

    /** The innermost cause's message: what an operator reads next to a parked mark. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
