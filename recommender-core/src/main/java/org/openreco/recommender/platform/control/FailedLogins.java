package org.openreco.recommender.platform.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per client address and locks an address out for a while once it has failed
 * {@code maxFailures} times in a row: password guessing then costs a lockout window per few guesses
 * instead of one bcrypt check each. Failures older than the window are forgotten, a success forgives
 * the address. The table is bounded: beyond {@code maxAddresses} the expired entries go first, then
 * all (a flood of addresses must not exhaust memory; it also cannot lock out anyone else).
 */
public class FailedLogins {

    private record Attempts(int failures, long lastFailureAt, long lockedUntil) {
    }

    private final int maxFailures;
    private final long windowNanos;
    private final int maxAddresses;
    private final LongSupplier clock;
    private final Map<String, Attempts> byAddress = new ConcurrentHashMap<>();

    public FailedLogins(int maxFailures, Duration window, int maxAddresses, LongSupplier nanoClock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("at least one failure and a positive window");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.maxAddresses = maxAddresses;
        this.clock = nanoClock;
    }

    /** How long the address is still locked out, or {@link Duration#ZERO} when it may try. */
    public Duration lockedFor(String address) {
        Attempts attempts = byAddress.get(address);
        if (attempts == null) {
            return Duration.ZERO;
        }
        long left = attempts.lockedUntil() - clock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Records a failure; true when it locked the address out. */
    public boolean failed(String address) {
        long now = clock.getAsLong();
        if (byAddress.size() >= maxAddresses && !byAddress.containsKey(address)) {
            byAddress.values().removeIf(a -> expired(a, now));
            if (byAddress.size() >= maxAddresses) {
                byAddress.clear();
            }
        }
        Attempts after = byAddress.compute(address, (key, before) -> {
            int failures = before == null || expired(before, now) ? 1 : before.failures() + 1;
            return failures >= maxFailures
                    ? new Attempts(0, now, now + windowNanos)
                    : new Attempts(failures, now, before == null ? now : before.lockedUntil());
        });
        return after.lockedUntil() - now > 0 && after.failures() == 0;
    }

    /** A successful login forgives the address its failures. */
    public void succeeded(String address) {
        byAddress.remove(address);
    }

    int tracked() {
        return byAddress.size();
    }

    private boolean expired(Attempts attempts, long now) {
        return now - attempts.lastFailureAt() >= windowNanos && now - attempts.lockedUntil() >= 0;
    }
}
