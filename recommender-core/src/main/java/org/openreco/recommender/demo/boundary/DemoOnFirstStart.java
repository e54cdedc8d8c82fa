package org.openreco.recommender.demo.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.demo.control.DemoShop;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * Gives a fresh installation something to show: loads the demo shop at start-up when
 * RECOMMENDER_DEMO=true (bin/run sets it unless --no-demo; test servers never do) and the database
 * has no catalogue yet. A failure is logged and never fails the deployment.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoOnFirstStart {

    private static final Logger LOG = Logger.getLogger(DemoOnFirstStart.class.getName());

    @Inject
    Catalogues catalogues;

    @Inject
    DemoCatalogue demo;

    @PostConstruct
    void loadWhenAsked() {
        if (!"true".equalsIgnoreCase(Settings.value("recommender.demo")) || !catalogues.list().isEmpty()) {
            return;
        }
        try {
            demo.load(DemoShop.CATALOGUE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the demo catalogue was not loaded", e);
        }
    }
}
