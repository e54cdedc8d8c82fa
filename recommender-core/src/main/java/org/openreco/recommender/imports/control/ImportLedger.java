package org.openreco.recommender.imports.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.openreco.recommender.imports.boundary.ImportProblem;
import org.openreco.recommender.imports.boundary.ImportStatus;
import org.openreco.recommender.platform.boundary.ServerNode;

/**
 * The imports' book-keeping in import_run and import_error. Progress and rejected records are written
 * in the chunk's transaction, so they commit (or roll back) with the records they describe; opening and
 * closing an import commit on their own, so the job sees its row and a failure's reason survives.
 */
@Stateless
public class ImportLedger {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long open(long catalogueId, String kind, String format, String source, String options, boolean dryRun,
            long sourceBytes) {
        return ((Number) em.createNativeQuery("""
                insert into import_run (catalogue_id, kind, format, source, options, dry_run, source_bytes)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7) returning id""")
                .setParameter(1, catalogueId).setParameter(2, kind).setParameter(3, format)
                .setParameter(4, source).setParameter(5, options).setParameter(6, dryRun).setParameter(7, sourceBytes)
                .getSingleResult()).longValue();
    }

    /**
     * Records the job execution of a started import. A small import can finish before this runs: its
     * status then stays as the job left it, but the execution is recorded all the same (restarts and the
     * job-history clean-up find the import's JBeret rows through it).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void running(long importId, long executionId) {
        em.createNativeQuery("""
                update import_run set job_execution_id = ?2, node = ?3,
                       status = case when status = 'starting' then 'running' else status end
                 where id = ?1""")
                .setParameter(1, importId).setParameter(2, executionId).setParameter(3, node()).executeUpdate();
    }

    /** Reopens a restartable import for its new job execution; false when it is not restartable (any more). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean restarting(long importId) {
        return em.createNativeQuery("""
                update import_run set status = 'running', error = null, finished_at = null, restartable = false,
                       restarts = restarts + 1, node = ?2
                where id = ?1 and restartable""")
                .setParameter(1, importId).setParameter(2, node()).executeUpdate() == 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void restarted(long importId, long executionId) {
        em.createNativeQuery("update import_run set job_execution_id = ?2 where id = ?1")
                .setParameter(1, importId).setParameter(2, executionId).executeUpdate();
    }

    /** Imports this server was running (by their job executions) that have not finished: after a restart, interrupted. */
    @SuppressWarnings("unchecked")
    public List<Object[]> unfinishedOfThisNode() {
        return em.createNativeQuery("""
                select id, job_execution_id from import_run
                where status in ('starting', 'running') and finished_at is null and (node = ?1 or node is null)""")
                .setParameter(1, node()).getResultList();
    }

    static String node() {
        return ServerNode.name();
    }

    public void progress(long importId, long read, long written, long duplicates, long rejected, long bytes) {
        em.createNativeQuery("""
                update import_run set read_count = read_count + ?2, written_count = written_count + ?3,
                       duplicate_count = duplicate_count + ?4, rejected_count = rejected_count + ?5,
                       bytes_read = bytes_read + ?6
                where id = ?1""")
                .setParameter(1, importId).setParameter(2, read).setParameter(3, written)
                .setParameter(4, duplicates).setParameter(5, rejected).setParameter(6, bytes).executeUpdate();
    }

    /** Adds records to the error report, in one statement (a file of mostly bad lines has thousands per chunk). */
    public void rejectAll(long importId, List<RecordRejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into import_error (import_id, line, field, reason)
                    select ?, line, field, coalesce(reason, 'rejected')
                    from unnest(?::bigint[], ?::text[], ?::text[]) as r (line, field, reason)""")) {
                insert.setLong(1, importId);
                insert.setArray(2, connection.createArrayOf("bigint", rejected.stream().map(RecordRejected::line).toArray()));
                insert.setArray(3, connection.createArrayOf("text", rejected.stream().map(RecordRejected::field).toArray()));
                insert.setArray(4, connection.createArrayOf("text", rejected.stream().map(RecordRejected::reason).toArray()));
                insert.executeUpdate();
            }
        });
    }

    /**
     * Ends an import; a failure recorded earlier (by a failed step) stays a failure. A failed import
     * with a job execution can be restarted from its last checkpoint.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish(long importId, String status, String error) {
        em.createNativeQuery("""
                update import_run set status = case when status = 'failed' then status else ?2 end,
                       error = coalesce(error, ?3), finished_at = coalesce(finished_at, now()),
                       restartable = job_execution_id is not null and (status = 'failed' or ?2 in ('failed', 'stopped'))
                where id = ?1""")
                .setParameter(1, importId).setParameter(2, status).setParameter(3, error).executeUpdate();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(long importId, String error) {
        em.createNativeQuery("update import_run set status = 'failed', error = coalesce(error, ?2) where id = ?1")
                .setParameter(1, importId).setParameter(2, error).executeUpdate();
    }

    public Optional<ImportStatus> find(long catalogueId, long importId) {
        return runs("r.id = ?1 and r.catalogue_id = ?2", importId, catalogueId).stream().findFirst();
    }

    public List<ImportStatus> list(long catalogueId, int limit) {
        return runs("r.catalogue_id = ?1 order by r.started_at desc, r.id desc limit " + limit, catalogueId);
    }

    public boolean restartable(long importId) {
        return Boolean.TRUE.equals(em.createNativeQuery("select restartable from import_run where id = ?1")
                .setParameter(1, importId).getResultStream().findFirst().orElse(false));
    }

    public Optional<Long> executionId(long importId) {
        return em.createNativeQuery("select job_execution_id from import_run where id = ?1 and job_execution_id is not null")
                .setParameter(1, importId).getResultStream().findFirst().map(id -> ((Number) id).longValue());
    }

    /**
     * Removes the error reports of imports that ended more than the given days ago, except restartable
     * ones (a restart adds to its report); the imports' own records stay. How many rows went.
     */
    public int purgeProblemsOlderThan(int days) {
        return em.createNativeQuery("""
                delete from import_error e using import_run r
                 where e.import_id = r.id and r.finished_at < now() - make_interval(days => ?1) and not r.restartable""")
                .setParameter(1, days).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<ImportProblem> problems(long importId) {
        List<Object[]> rows = em.createNativeQuery(
                        "select line, field, reason from import_error where import_id = ?1 order by line, id")
                .setParameter(1, importId).getResultList();
        return rows.stream().map(r -> new ImportProblem(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<ImportStatus> runs(String where, Object... parameters) {
        var query = em.createNativeQuery("""
                select r.id, c.name, r.kind, r.format, r.source, r.dry_run, r.status, r.read_count, r.written_count,
                       r.duplicate_count, r.rejected_count, r.source_bytes, r.bytes_read, r.error, r.restartable, r.restarts, r.started_at, r.finished_at
                from import_run r join catalogue c on c.id = r.catalogue_id where\s""" + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new ImportStatus(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (Boolean) r[5], (String) r[6], ((Number) r[7]).longValue(),
                ((Number) r[8]).longValue(), ((Number) r[9]).longValue(), ((Number) r[10]).longValue(),
                ((Number) r[11]).longValue(), ((Number) r[12]).longValue(), (String) r[13], (Boolean) r[14],
                ((Number) r[15]).intValue(), instant(r[16]), instant(r[17]))).toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
