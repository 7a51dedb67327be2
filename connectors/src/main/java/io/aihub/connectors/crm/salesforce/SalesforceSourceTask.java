package io.aihub.connectors.crm.salesforce;

import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.quota.ApiQuota;
import io.aihub.api.quota.QuotaReporter;
import io.aihub.api.source.RejectedRecord;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one sObject incrementally in (SystemModstamp, Id) order. Each {@link #poll} returns one page of at
 * most {@code batchSize} records; while the open query has more pages it follows {@code nextRecordsUrl}
 * ({@code hasMore} is true), then the next poll queries again after the last record returned, so records
 * changed while paging are read again by that later query. With {@code excludeOwnWrites} records last
 * modified by the session's own user (the hub's write-backs) are not read. With {@code includeDeleted}
 * deleted records are read too, once per deletion, with the field {@code IsDeleted} = true.
 *
 * <p>Before each call the task checks the org's API usage last reported: when fewer than
 * {@code quotaReserve} % of the daily requests remain, {@link #poll} throws a
 * {@link io.aihub.api.error.RetriableException} {@code SALESFORCE_QUOTA_RESERVE} without calling Salesforce
 * (see {@link SalesforceQuotaGuard}); an exhausted limit (403 {@code REQUEST_LIMIT_EXCEEDED}) is the retriable
 * {@code SALESFORCE_QUOTA}.
 *
 * <p>A record that is over a {@link SalesforceReadLimits read limit}, not valid UTF-8 or not valid JSON, but whose
 * Id and SystemModstamp can be read, is returned in {@link SourcePage#rejected()} and the position moves past
 * it; see {@link SalesforceQueryResponseReader}.
 *
 * <p>Position keys: {@value #POSITION_SYSTEM_MODSTAMP} (the stamp text as Salesforce returned it) and
 * {@value #POSITION_ID}. Poll and rewind run on the polling thread; {@link #stop} may be called from any
 * thread and makes a blocked poll return an empty page at once. The session logs in on the first poll.
 */
public final class SalesforceSourceTask implements SourceTask, QuotaReporter {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSourceTask.class);

    /** Position key: the SystemModstamp text of the last record returned. */
    public static final String POSITION_SYSTEM_MODSTAMP = "systemModstamp";
    /** Position key: the Id of the last record returned. */
    public static final String POSITION_ID = "id";

    private final String instanceName;
    private final String entity;
    private final SalesforceSession session;
    private final SalesforceQueryPager pager;
    private final SalesforceRecordMapper mapper;
    private final SalesforceQuotaGuard quotaGuard;
    private volatile boolean stopped;
    private boolean started;
    private SourcePosition position = SourcePosition.START;

    SalesforceSourceTask(SalesforceConnectionSettings settings, List<String> fields, int batchSize,
            boolean excludeOwnWrites, boolean includeDeleted, int quotaReservePercent, SalesforceReadLimits limits) {
        this.instanceName = settings.instanceName();
        this.entity = settings.entity();
        this.session = new SalesforceSession(settings);
        this.pager = new SalesforceQueryPager(session, instanceName, settings.apiVersion(), settings.entity(),
                fields, batchSize, excludeOwnWrites, includeDeleted, limits);
        this.mapper = new SalesforceRecordMapper(instanceName, settings.entity());
        this.quotaGuard = new SalesforceQuotaGuard(instanceName, quotaReservePercent, Clock.systemUTC());
    }

    @Override
    public synchronized void start(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        SalesforcePosition.of(instanceName, committed);
        position = committed;
        started = true;
        LOG.info("AIHUB-SF-0003 Salesforce source '{}' starting {}", instanceName,
                committed.isStart() ? "from the beginning" : "after " + committed.values());
    }

    @Override
    public synchronized SourcePage poll() {
        if (!started) {
            throw new IllegalStateException("poll() before start()");
        }
        if (stopped) {
            return SourcePage.empty(position);
        }
        quotaGuard.beforeCall(session.apiUsage());
        SalesforceQueryPager.Page page;
        try {
            page = pager.next(SalesforcePosition.of(instanceName, position));
        } catch (AihubException e) {
            if (stopped) {
                return SourcePage.empty(position);
            }
            throw e;
        }
        List<SourceRecord> records = new ArrayList<>(page.records().size());
        List<RejectedRecord> rejected = new ArrayList<>();
        SourcePosition last = position;
        try {
            for (SalesforceQueryResponseReader.Entry entry : page.records()) {
                if (entry instanceof SalesforceQueryResponseReader.Parsed parsed) {
                    SourceRecord record = mapper.toSourceRecord(parsed.record());
                    records.add(record);
                    last = record.position();
                } else if (entry instanceof SalesforceQueryResponseReader.Rejected bad) {
                    rejected.add(new RejectedRecord(instanceName, entity, bad.id(), bad.systemModstamp(),
                            new PermanentException(bad.code(), "connector '" + instanceName + "': " + entity + " "
                                    + bad.id() + " cannot be read: " + bad.reason())));
                    last = new SalesforcePosition(bad.systemModstamp(),
                            SoqlLiterals.parseDateTime(bad.systemModstamp()), bad.id()).toSourcePosition();
                }
            }
        } catch (RuntimeException e) {
            pager.reset();
            throw e;
        }
        position = last;
        LOG.debug("Salesforce source '{}' polled {} records ({} rejected), more: {}", instanceName,
                records.size() + rejected.size(), rejected.size(), page.hasMore());
        return new SourcePage(records, position, page.hasMore(), page.remaining(), rejected);
    }

    @Override
    public synchronized void rewind(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        SalesforcePosition.of(instanceName, committed);
        pager.reset();
        position = committed;
    }

    @Override
    public void stop() {
        if (!stopped) {
            stopped = true;
            session.close();
            LOG.info("AIHUB-SF-0005 Salesforce source '{}' stopped", instanceName);
        }
    }

    /** The org's API usage as last reported to this task. */
    public Optional<SalesforceApiUsage> apiUsage() {
        return session.apiUsage();
    }

    /** The org's daily API request quota as last reported to this task. */
    @Override
    public Optional<ApiQuota> apiQuota() {
        return session.apiUsage().map(u -> new ApiQuota(u.used(), u.limit()));
    }
}
