package org.openreco.recommender.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.openreco.recommender.platform.control.AdminAccountSetup;
import org.openreco.recommender.platform.control.PasswordHashes;
import org.openreco.recommender.platform.control.SchemaMigration;

/**
 * Runs once per deployment, before anything is served: migrates the schema, checks that the entity
 * mapping matches it (Hibernate validates here rather than at boot, because at boot the tables of a
 * fresh database do not exist yet), and sets up the admin account. Any failure fails the deployment.
 */
@Singleton
@Startup
// Bean-managed: the migration must run outside any transaction, the account set-up inside one.
@TransactionManagement(TransactionManagementType.BEAN)
public class PlatformStartup {

    /** A generated admin password's file in {@link ServerFolders#data()}; bin/run prints it. */
    public static final String ADMIN_PASSWORD_FILE = "admin-password";

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction tx;

    @PostConstruct
    void start() {
        new SchemaMigration(dataSource).apply();
        em.getEntityManagerFactory().unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        var adminPasswordFile = ServerFolders.data().resolve(ADMIN_PASSWORD_FILE);
        inTransaction(() -> new AdminAccountSetup(em, new PasswordHashes(), adminPasswordFile).ensure(Settings.value("admin.password")));
    }

    private void inTransaction(Runnable work) {
        try {
            tx.begin();
            work.run();
            tx.commit();
        } catch (Exception e) {
            throw new IllegalStateException("platform start-up failed", e);
        }
    }
}
