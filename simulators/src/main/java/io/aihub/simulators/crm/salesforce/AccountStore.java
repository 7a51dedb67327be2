package io.aihub.simulators.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated org's Account table. Values are held typed ({@link Instant} for date-times). Every method is
 * atomic: a query sees a consistent snapshot and a composite update is checked and applied as one step.
 *
 * <p>Deletes are soft, as with Salesforce's recycle bin: a deleted record keeps its fields, gets
 * {@code IsDeleted = true} and a new {@code SystemModstamp}, and is only seen by queries that include deleted
 * records ({@code queryAll}).
 */
final class AccountStore {

    private static final SObjectSchema SCHEMA = SObjectSchema.ACCOUNT;

    private final Map<String, Map<String, Object>> live = new TreeMap<>();
    private final Map<String, Map<String, Object>> deletedRecords = new HashMap<>();
    private final Map<String, RecordError> injectedErrors = new HashMap<>();
    private final List<SalesforceSimulator.WriteEvent> writeLog = new ArrayList<>();
    private final SimClock clock;
    /** How many accounts were ever created (seeded or inserted): the next one gets number created + 1. */
    private long created;

    /** Seeds the table from generated wire-form accounts; the clock starts after their latest stamp. */
    AccountStore(List<AccountGenerator.GeneratedAccount> accounts) {
        Instant latest = AccountGenerator.BASE_TIME;
        for (AccountGenerator.GeneratedAccount account : accounts) {
            Map<String, Object> row = new LinkedHashMap<>();
            account.fields().forEach((name, value) -> row.put(name, typed(name, value)));
            row.put("IsDeleted", false);
            live.put(account.id(), row);
            Instant stamp = (Instant) row.get("SystemModstamp");
            latest = stamp.isAfter(latest) ? stamp : latest;
        }
        this.clock = new SimClock(latest);
        this.created = accounts.size();
    }

    private static Object typed(String name, Object value) {
        SObjectField field = SCHEMA.field(name)
                .orElseThrow(() -> new IllegalStateException("generated field not in schema: " + name));
        return field.type() == SObjectFieldType.DATETIME && value != null ? SalesforceDates.parse((String) value)
                : value;
    }

    /**
     * The records matching the query, ordered and limited, as typed copies taken now: the live ones, plus
     * the deleted ones when {@code includeDeleted}.
     */
    synchronized List<Map<String, Object>> select(SoqlQuery query, boolean includeDeleted) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : live.values()) {
            if (query.matches(row)) {
                rows.add(row);
            }
        }
        if (includeDeleted) {
            for (Map<String, Object> row : deletedRecords.values()) {
                if (query.matches(row)) {
                    rows.add(row);
                }
            }
        }
        rows.sort(query.ordering());
        return rows.stream().limit(query.limit()).map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
    }

    synchronized Set<String> liveIds() {
        return Collections.unmodifiableSet(new TreeSet<>(live.keySet()));
    }

    /** The record's fields in wire form (date-times as Salesforce text), live or deleted. */
    synchronized Map<String, Object> wireCopy(String id) {
        Map<String, Object> row = live.containsKey(id) ? live.get(id) : deletedRecords.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k, v instanceof Instant instant ? SalesforceDates.format(instant) : v));
        return copy;
    }

    /** A user edits {@code n} distinct live accounts chosen by {@code seed}; returns their ids in edit order. */
    synchronized List<String> modify(int n, long seed, String userId) {
        List<String> ids = new ArrayList<>(live.keySet());
        if (n < 0 || n > ids.size()) {
            throw new IllegalArgumentException("can modify between 0 and " + ids.size() + " accounts, not " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Collections.swap(ids, i, i + rnd.nextInt(ids.size() - i));
            String id = ids.get(i);
            Map<String, Object> row = live.get(id);
            Object cases = row.get("Support_Cases_90d__c");
            row.put("Support_Cases_90d__c", (cases == null ? 0.0 : (Double) cases) + 1.0);
            row.put("Days_Since_Last_Login__c", (double) rnd.nextInt(3));
            stamp(row, userId);
            chosen.add(id);
        }
        return chosen;
    }

    /**
     * A user sets the given fields of one live account (values as the API returns them; a value may have the wrong
     * type on purpose, e.g. text in a number field) and the record is stamped.
     */
    synchronized void edit(String id, Map<String, Object> fields, String userId) {
        Map<String, Object> row = live.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no such live account: " + id);
        }
        fields.forEach((name, value) -> {
            SObjectField field = SCHEMA.field(name).filter(SObjectField::updateable)
                    .orElseThrow(() -> new IllegalArgumentException("not an editable Account field: " + name));
            row.put(field.name(), value);
        });
        stamp(row, userId);
    }

    /** The ids of the records in the recycle bin. */
    synchronized Set<String> deletedIds() {
        return Collections.unmodifiableSet(new TreeSet<>(deletedRecords.keySet()));
    }

    /**
     * A user moves a live account to the recycle bin: {@code IsDeleted} becomes true and the record is
     * stamped; it disappears from {@code query}, stays visible to {@code queryAll} and refuses writes.
     */
    synchronized void delete(String id, String userId) {
        Map<String, Object> row = live.remove(id);
        if (row == null) {
            throw new IllegalArgumentException("no such live account: " + id);
        }
        row.put("IsDeleted", true);
        stamp(row, userId);
        deletedRecords.put(id, row);
    }

    /**
     * A user inserts {@code n} new accounts in one transaction, as a bulk load does: their fields come from
     * {@code generator}, their ids continue after every account created so far, and they all share one new
     * {@code SystemModstamp}.
     *
     * @return the new ids, in insertion order
     */
    synchronized List<String> insert(int n, AccountGenerator generator, String userId) {
        if (n < 0) {
            throw new IllegalArgumentException("can insert 0 or more accounts, not " + n);
        }
        Instant now = clock.tick();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AccountGenerator.GeneratedAccount account = generator.account((int) created++);
            Map<String, Object> row = new LinkedHashMap<>();
            account.fields().forEach((name, value) -> row.put(name, typed(name, value)));
            String id = account.id();
            row.put("IsDeleted", false);
            row.put("CreatedDate", now);
            row.put("LastModifiedDate", now);
            row.put("SystemModstamp", now);
            row.put("LastModifiedById", userId);
            live.put(id, row);
            ids.add(id);
        }
        return ids;
    }

    /** Makes every later write to {@code id} fail with {@code error} until cleared. */
    synchronized void injectError(String id, RecordError error) {
        injectedErrors.put(id, error);
    }

    synchronized void clearInjectedErrors() {
        injectedErrors.clear();
    }

    /**
     * Applies a validated composite update as the given user. With {@code allOrNone}, one failure rolls
     * back every record. Each written record gets its own stamp from the clock.
     *
     * @return one outcome per write, in order
     */
    synchronized List<WriteOutcome> apply(List<RecordWrite> writes, String userId, boolean allOrNone) {
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        for (RecordWrite write : writes) {
            outcomes.add(new WriteOutcome(write.id(), write.error() != null ? write.error() : check(write.id())));
        }
        boolean anyFailed = outcomes.stream().anyMatch(o -> !o.success());
        if (allOrNone && anyFailed) {
            RecordError rolledBack = RecordError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back"
                    + " because not all records were valid and the request was using AllOrNone header");
            return outcomes.stream().map(o -> o.success() ? new WriteOutcome(o.id(), rolledBack) : o).toList();
        }
        for (int i = 0; i < writes.size(); i++) {
            if (outcomes.get(i).success()) {
                RecordWrite write = writes.get(i);
                Map<String, Object> row = live.get(write.id());
                row.putAll(write.fields());
                Instant at = stamp(row, userId);
                writeLog.add(new SalesforceSimulator.WriteEvent(write.id(), write.fields(), at));
            }
        }
        return outcomes;
    }

    private RecordError check(String id) {
        if (deletedRecords.containsKey(id)) {
            return RecordError.of("ENTITY_IS_DELETED", "entity is deleted");
        }
        if (!live.containsKey(id)) {
            return RecordError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        }
        return injectedErrors.get(id);
    }

    private Instant stamp(Map<String, Object> row, String userId) {
        Instant now = clock.tick();
        row.put("LastModifiedDate", now);
        row.put("SystemModstamp", now);
        row.put("LastModifiedById", userId);
        return now;
    }

    synchronized List<SalesforceSimulator.WriteEvent> writeLog() {
        return List.copyOf(writeLog);
    }
}
