package org.openreco.recommender.platform.boundary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.openreco.recommender.platform.control.FailedLogins;

/**
 * Throttles password guessing on the admin's logins (HTTP Basic on the API, the console's form): after
 * {@value #MAX_FAILURES_PROPERTY} failures in a row (default {@value #DEFAULT_MAX_FAILURES}) a client
 * address is refused for {@value #LOCKOUT_PROPERTY} seconds (default {@value #DEFAULT_LOCKOUT_SECONDS}),
 * before its password is even checked. Each node counts on its own.
 * <p>
 * The attempts are counted on the Prometheus endpoint as {@code recommender_login_attempts_total} with
 * {@code outcome} success, failure or refused, and lockouts as {@code recommender_login_lockouts_total}:
 * counters the registry owns, so that they go on counting across redeploys.
 */
@ApplicationScoped
public class LoginThrottle {

    static final String MAX_FAILURES_PROPERTY = "recommender.login.max-failures";
    static final String LOCKOUT_PROPERTY = "recommender.login.lockout-seconds";
    static final int DEFAULT_MAX_FAILURES = 10;
    static final int DEFAULT_LOCKOUT_SECONDS = 60;
    private static final int MAX_ADDRESSES = 100_000;

    @Inject
    Instance<MeterRegistry> registries;

    private final FailedLogins failures = new FailedLogins(
            (int) Settings.number(MAX_FAILURES_PROPERTY, DEFAULT_MAX_FAILURES),
            Duration.ofSeconds(Settings.number(LOCKOUT_PROPERTY, DEFAULT_LOCKOUT_SECONDS)),
            MAX_ADDRESSES, System::nanoTime);
    private volatile Counters counters;

    private record Counters(Counter succeeded, Counter failed, Counter refused, Counter lockouts) {
    }

    /** How long the address must wait before it may try again; zero when it may try now. */
    public Duration refusal(String address) {
        Duration locked = failures.lockedFor(address);
        if (!locked.isZero()) {
            count(Counters::refused);
        }
        return locked;
    }

    public void failed(String address) {
        count(Counters::failed);
        if (failures.failed(address)) {
            count(Counters::lockouts);
        }
    }

    public void succeeded(String address) {
        count(Counters::succeeded);
        failures.succeeded(address);
    }

    private void count(java.util.function.Function<Counters, Counter> which) {
        if (counters == null) {
            if (registries == null || !registries.isResolvable()) {
                return;
            }
            var registry = registries.get();
            counters = new Counters(
                    registry.counter("recommender.login.attempts", "outcome", "success"),
                    registry.counter("recommender.login.attempts", "outcome", "failure"),
                    registry.counter("recommender.login.attempts", "outcome", "refused"),
                    registry.counter("recommender.login.lockouts"));
        }
        which.apply(counters).increment();
    }
}
