package org.openreco.recommender.training.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.Settings;
import org.openreco.recommender.training.control.ModelStore;
import org.openreco.recommender.training.control.ModelVersions;

/**
 * Retrains catalogues on schedule: every few minutes, a catalogue whose settings ask for training every
 * {@code trainingIntervalHours} gets a training (triggered_by schedule) when its newest model is older
 * than that and none is running. A catalogue whose newest training failed waits an interval too, so a
 * broken catalogue is not retried every few minutes. Every minute its watchdog fails the trainings that
 * have reported no progress for longer than {@code -Drecommender.training.stalled-after-minutes} (default
 * 60): a training whose thread died without recording it would otherwise block its catalogue for good.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingScheduler {

    private static final Logger LOG = Logger.getLogger(TrainingScheduler.class.getName());

    @Inject
    Catalogues catalogues;

    @Inject
    Training training;

    @Inject
    Transactions transactions;

    /** Setting: minutes without progress after which a training counts as dead. */
    static final String STALLED_AFTER = "recommender.training.stalled-after-minutes";

    @Schedule(minute = "*", hour = "*", persistent = false, info = "training watchdog")
    void failStalled() {
        Duration limit = Duration.ofMinutes(Math.max(1, Settings.number(STALLED_AFTER, 60)));
        try {
            var failed = transactions.inNew(c -> new ModelVersions(c).failStalled(limit,
                    "no progress for " + limit.toMinutes() + " minutes: the training was given up; start it again"));
            failed.forEach(id -> new ModelStore(transactions).remove(id));
            if (!failed.isEmpty()) {
                LOG.warning("model versions " + failed + " reported no progress for " + limit.toMinutes() + " minutes: marked failed");
            }
        } catch (RuntimeException e) {
            LOG.warning("the training watchdog could not run: " + e.getMessage());
        }
    }

    @Schedule(minute = "*/5", hour = "*", persistent = false, info = "scheduled trainings")
    void tick() {
        for (var catalogue : catalogues.list()) {
            try {
                var settings = catalogues.ref(catalogue.getName()).settings();
                if (!settings.trainsOnSchedule()) {
                    continue;
                }
                Duration interval = Duration.ofHours(settings.trainingIntervalHours());
                if (due(catalogue.getId(), interval, Instant.now())) {
                    var version = training.start(catalogue.getName(), TrainingRequest.defaults(), "schedule");
                    LOG.info("scheduled training of catalogue '" + catalogue.getName() + "' started: model version " + version.id());
                }
            } catch (ConflictException e) {
                // a training started meanwhile
            } catch (RuntimeException e) {
                LOG.warning("scheduled training of catalogue '" + catalogue.getName() + "' did not start: " + e.getMessage());
            }
        }
    }

    /** Due when nothing is training and the newest version (of any outcome) was created longer than the interval ago. */
    boolean due(long catalogueId, Duration interval, Instant now) {
        return transactions.inNew(c -> {
            var versions = new ModelVersions(c);
            if (versions.training(catalogueId).isPresent()) {
                return false;
            }
            var newest = versions.history(catalogueId, 1);
            return newest.isEmpty() || newest.getFirst().createdAt().plus(interval).isBefore(now);
        });
    }
}
