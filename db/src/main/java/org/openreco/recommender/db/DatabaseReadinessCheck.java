package org.openreco.recommender.db;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers a query: without it nothing can be served. A real statement,
 * not {@code Connection.isValid}, so a pool handing out dead connections shows up as DOWN too.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (var result = statement.executeQuery("select 1")) {
                result.next();
            }
            return response.up().build();
        } catch (SQLException e) {
            // The message says what failed (refused, timed out, authentication); no credentials are in it.
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
