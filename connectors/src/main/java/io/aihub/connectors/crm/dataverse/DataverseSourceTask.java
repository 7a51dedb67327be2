package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.AihubException;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one entity set incrementally in ({@code modifiedon}, primary key) order. Each {@link #poll} returns one
 * page of at most {@code pageSize} rows; while the open read has more pages it follows {@code @odata.nextLink}
 * ({@code hasMore} is true), then the next poll starts a new read after the last record returned. With
 * {@code excludeOwnWrites} rows last changed by the connector's own application user (the hub's write-backs)
 * are not read. With {@code countBacklog} the first page of each read asks for {@code @odata.count}, which
 * Dataverse caps at 5,000, so the backlog is a lower bound for large reads.
 *
 * <p>Position keys: {@value DataversePosition#MODIFIED_ON} (the stamp text as Dataverse returned it) and
 * {@value DataversePosition#ID}. Poll and rewind run on the polling thread; {@link #stop} may be called from any
 * thread and makes a blocked poll return an empty page at once. The token is requested on the first poll.
 */
public final class DataverseSourceTask implements SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseSourceTask.class);

    private final String instanceName;
    private final DataverseSession session;
    private final DataversePager pager;
    private final DataverseRecordMapper mapper;
    private volatile boolean stopped;
    private boolean started;
    private SourcePosition position = SourcePosition.START;

    DataverseSourceTask(DataverseConnectionSettings settings, List<String> fields, int pageSize,
            boolean excludeOwnWrites, boolean countBacklog) {
        this.instanceName = settings.instanceName();
        this.session = new DataverseSession(settings, Clock.systemUTC());
        this.pager = new DataversePager(session, instanceName, DataverseQuery.of(settings.apiRoot(),
                settings.entitySet(), settings.primaryKey(), fields, countBacklog), pageSize, excludeOwnWrites);
        this.mapper = new DataverseRecordMapper(instanceName, settings.entitySet(), settings.primaryKey());
    }

    @Override
    public synchronized void start(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        DataversePosition.of(instanceName, committed);
        position = committed;
        started = true;
        LOG.info("AIHUB-DV-0004 Dataverse source '{}' starting {}", instanceName,
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
        DataversePager.Page page;
        try {
            page = pager.next(DataversePosition.of(instanceName, position));
        } catch (AihubException e) {
            if (stopped) {
                return SourcePage.empty(position);
            }
            pager.reset();
            throw e;
        }
        List<SourceRecord> records = new ArrayList<>(page.records().size());
        try {
            for (JsonNode raw : page.records()) {
                records.add(mapper.toSourceRecord(raw));
            }
        } catch (RuntimeException e) {
            pager.reset();
            throw e;
        }
        if (!records.isEmpty()) {
            position = records.get(records.size() - 1).position();
        }
        LOG.debug("Dataverse source '{}' polled {} records, more: {}", instanceName, records.size(), page.hasMore());
        return new SourcePage(records, position, page.hasMore(), page.remaining());
    }

    @Override
    public synchronized void rewind(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        DataversePosition.of(instanceName, committed);
        pager.reset();
        position = committed;
    }

    @Override
    public void stop() {
        if (!stopped) {
            stopped = true;
            session.close();
            LOG.info("AIHUB-DV-0005 Dataverse source '{}' stopped", instanceName);
        }
    }
}
