package org.openreco.recommender.imports.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Removes old job history from JBeret's JDBC job repository (job_instance, job_execution,
 * step_execution, partition_execution: JBeret creates them at its first job). The import's own record
 * (import_run, import_error) stays; JBeret's rows only matter while an import can still be restarted.
 * <p>
 * SQL on JBeret's tables because JBeret offers nothing usable here: the Jakarta Batch JobOperator cannot
 * delete, and JBeret's PurgeBatchlet only purges by SQL when the repository is its own JdbcRepository,
 * which WildFly wraps (jberet/jsr352#72), and only through a job of its own.
 * <p>
 * A whole job instance goes, with its executions, once all of them ended before the cut-off and none
 * belongs to a restartable import (a restart needs the instance and its checkpoints).
 */
@Stateless
public class JobHistory {

    private static final String OLD_INSTANCES = """
            select i.jobinstanceid from job_instance i
            where not exists (select 1 from job_execution e
                              where e.jobinstanceid = i.jobinstanceid
                                and (e.endtime is null or e.endtime >= localtimestamp - make_interval(days => ?1)
                                     or exists (select 1 from import_run r
                                                where r.job_execution_id = e.jobexecutionid and r.restartable)))""";

    @PersistenceContext
    EntityManager em;

    /** Removes the history older than the given days; returns how many job executions went. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purgeOlderThan(int days) {
        if (!Boolean.TRUE.equals(em.createNativeQuery("select to_regclass('job_execution') is not null").getSingleResult())) {
            return 0; // no job has run on this database yet
        }
        em.createNativeQuery("create temporary table old_job_instance on commit drop as " + OLD_INSTANCES)
                .setParameter(1, days).executeUpdate();
        em.createNativeQuery("""
                delete from partition_execution where stepexecutionid in (
                    select s.stepexecutionid from step_execution s join job_execution e on e.jobexecutionid = s.jobexecutionid
                    where e.jobinstanceid in (select jobinstanceid from old_job_instance))""").executeUpdate();
        em.createNativeQuery("""
                delete from step_execution where jobexecutionid in (
                    select jobexecutionid from job_execution where jobinstanceid in (select jobinstanceid from old_job_instance))""")
                .executeUpdate();
        int executions = em.createNativeQuery(
                "delete from job_execution where jobinstanceid in (select jobinstanceid from old_job_instance)").executeUpdate();
        em.createNativeQuery("delete from job_instance where jobinstanceid in (select jobinstanceid from old_job_instance)")
                .executeUpdate();
        return executions;
    }
}
