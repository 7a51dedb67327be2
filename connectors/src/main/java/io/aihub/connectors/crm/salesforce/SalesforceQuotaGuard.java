package io.aihub.connectors.crm.salesforce;

import io.aihub.api.error.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a reserve of the org's daily API requests for other integrations and for people: once the last
 * reported {@code Sforce-Limit-Info} leaves fewer than {@code reservePercent} % of the daily limit, the next
 * call is refused with a {@link RetriableException} {@value #CODE}, so the runtime backs off instead of
 * spending the last requests. While refusing, one call is let through every {@link #RECHECK_INTERVAL} to
 * learn whether the rolling 24-hour window has freed requests (usage is only reported on responses).
 *
 * <p>A reserve of 0 turns the guard off. Not thread-safe: one guard per task, used from the polling thread.
 */
final class SalesforceQuotaGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceQuotaGuard.class);

    /** The code of the refusal. */
    static final String CODE = "SALESFORCE_QUOTA_RESERVE";
    /** While in the reserve, how often one call is let through to refresh the usage. */
    static final Duration RECHECK_INTERVAL = Duration.ofMinutes(5);

    private final String instanceName;
    private final int reservePercent;
    private final Clock clock;
    private Instant refusingSince;

    SalesforceQuotaGuard(String instanceName, int reservePercent, Clock clock) {
        if (reservePercent < 0 || reservePercent > 100) {
            throw new IllegalArgumentException("reservePercent must be between 0 and 100");
        }
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
        this.reservePercent = reservePercent;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lets a call go ahead, or refuses it when {@code usage} (the last reported) leaves less than the reserve.
     *
     * @throws RetriableException {@value #CODE} when the call would spend the reserve
     */
    void beforeCall(Optional<SalesforceApiUsage> usage) {
        if (usage.isEmpty() || !inReserve(usage.get())) {
            if (refusingSince != null) {
                LOG.info("AIHUB-SF-0008 Connector '{}' is above its API quota reserve again; reading resumes",
                        instanceName);
                refusingSince = null;
            }
            return;
        }
        SalesforceApiUsage now = usage.get();
        Instant at = clock.instant();
        if (refusingSince == null) {
            LOG.warn("AIHUB-SF-0007 Connector '{}' holds back: {} of the org's {} daily API requests remain, below"
                    + " the reserve of {}%", instanceName, remaining(now), now.limit(), reservePercent);
            refusingSince = at;
        } else if (!at.isBefore(refusingSince.plus(RECHECK_INTERVAL))) {
            refusingSince = at;
            return;
        }
        throw new RetriableException(CODE, "connector '" + instanceName + "': only " + remaining(now) + " of the org's "
                + now.limit() + " daily API requests remain, below the reserve of " + reservePercent + "%");
    }

    private boolean inReserve(SalesforceApiUsage usage) {
        return reservePercent > 0 && remaining(usage) * 100 < usage.limit() * reservePercent;
    }

    private static long remaining(SalesforceApiUsage usage) {
        return Math.max(0, usage.limit() - usage.used());
    }
}
