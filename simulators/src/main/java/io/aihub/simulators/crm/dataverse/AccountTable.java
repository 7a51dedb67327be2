package io.aihub.simulators.crm.dataverse;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The simulated {@code account} table, values held typed ({@link UUID}, {@link Instant}, numbers, text).
 * Every method is atomic. Every write (API or control) gives the row a new {@code versionnumber} from one
 * table-wide counter, so ETags never repeat, and a new {@code modifiedon} from the clock. Deletes are hard
 * deletes, as in Dataverse.
 */
final class AccountTable {

    /**
     * The rows of one page.
     *
     * @param rows    copies of the rows, in order
     * @param hasMore whether more rows follow the last one
     * @param count   how many rows match the filter in all (for {@code @odata.count})
     */
    record Page(List<Map<String, Object>> rows, boolean hasMore, long count) {
    }

    private static final DateTimeFormatter SALESFORCE_DATE_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Map<UUID, Map<String, Object>> rows = new HashMap<>();
    private final DataverseClock clock;
    private long rowVersion;
    /** How many accounts were ever created (seeded or inserted): the generator index of the next one. */
    private int created;

    AccountTable(List<AccountGenerator.GeneratedAccount> seeded, UUID loaderUserId) {
        Instant latest = AccountGenerator.BASE_TIME;
        for (AccountGenerator.GeneratedAccount account : seeded) {
            Map<String, Object> row = row(account, created++, loaderUserId);
            Instant stamp = (Instant) row.get(DataverseColumns.MODIFIED_ON);
            latest = stamp.isAfter(latest) ? stamp : latest;
            row.put(DataverseColumns.VERSION_NUMBER, ++rowVersion);
            rows.put((UUID) row.get(DataverseColumns.ACCOUNT_ID), row);
        }
        this.clock = new DataverseClock(latest.plusSeconds(60));
    }

    DataverseClock clock() {
        return clock;
    }

    /** The deterministic GUID of the {@code index}-th account ever created in a simulator. */
    static UUID accountId(int index) {
        return UUID.nameUUIDFromBytes(("aihub-dataverse-account-" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> row(AccountGenerator.GeneratedAccount account, int index, UUID userId) {
        Map<String, Object> f = account.fields();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(DataverseColumns.ACCOUNT_ID, accountId(index));
        row.put(DataverseColumns.NAME, f.get("Name"));
        row.put(DataverseColumns.REVENUE, f.get("AnnualRevenue"));
        row.put(DataverseColumns.NUMBER_OF_EMPLOYEES, f.get("NumberOfEmployees"));
        row.put(DataverseColumns.DAYS_SINCE_LAST_LOGIN, whole(f.get("Days_Since_Last_Login__c")));
        row.put(DataverseColumns.SUPPORT_CASES_90D, whole(f.get("Support_Cases_90d__c")));
        row.put(DataverseColumns.TENURE_MONTHS, whole(f.get("Tenure_Months__c")));
        row.put(DataverseColumns.NPS, whole(f.get("NPS__c")));
        row.put(DataverseColumns.PLAN, f.get("Plan__c"));
        row.put(DataverseColumns.MONTHLY_SPEND, f.get("Monthly_Spend__c"));
        row.put(DataverseColumns.CHURN_SCORE, null);
        row.put(DataverseColumns.CHURN_RISK, null);
        row.put(DataverseColumns.CREATED_ON, salesforceStamp(f.get("CreatedDate")));
        row.put(DataverseColumns.MODIFIED_ON, salesforceStamp(f.get("SystemModstamp")));
        row.put(DataverseColumns.VERSION_NUMBER, 0L);
        row.put(DataverseColumns.MODIFIED_BY, userId);
        return row;
    }

    /** A generated Salesforce date-time ({@code 2026-01-05T08:00:00.000+0000}) as an instant, to the second. */
    private static Instant salesforceStamp(Object text) {
        String value = (String) text;
        if (value.endsWith("+0000") && value.length() == 28) {
            return Instant.parse(value.substring(0, 19) + "Z");
        }
        return OffsetDateTime.parse(value, SALESFORCE_DATE_TIME).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Integer whole(Object value) {
        return value == null ? null : (int) Math.round(((Number) value).doubleValue());
    }

    /**
     * The page of rows matching {@code filter} in {@code order} that follow {@code after} (null: from the
     * first), at most {@code size} of them.
     */
    synchronized Page select(Predicate<Map<String, Object>> filter, Comparator<Map<String, Object>> order,
            Map<String, Object> after, int size) {
        // Keeps only the first size + 1 rows after the cookie: a bounded heap whose head is the greatest.
        PriorityQueue<Map<String, Object>> first = new PriorityQueue<>(size + 2, order.reversed());
        long count = 0;
        for (Map<String, Object> row : rows.values()) {
            if (!filter.test(row)) {
                continue;
            }
            count++;
            if (after != null && order.compare(row, after) <= 0) {
                continue;
            }
            if (first.size() <= size) {
                first.add(row);
            } else if (order.compare(row, first.peek()) < 0) {
                first.poll();
                first.add(row);
            }
        }
        List<Map<String, Object>> page = new ArrayList<>(first);
        page.sort(order);
        boolean hasMore = page.size() > size;
        List<Map<String, Object>> copies = new ArrayList<>(Math.min(size, page.size()));
        for (Map<String, Object> row : page.subList(0, Math.min(size, page.size()))) {
            copies.add(new LinkedHashMap<>(row));
        }
        return new Page(copies, hasMore, count);
    }

    /** A copy of the row, or null. */
    synchronized Map<String, Object> get(UUID id) {
        Map<String, Object> row = rows.get(id);
        return row == null ? null : new LinkedHashMap<>(row);
    }

    synchronized Set<UUID> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(rows.keySet()));
    }

    /**
     * Applies a PATCH: with {@code ifMatch} null it is an upsert (a missing row is created, as Dataverse
     * does); {@code *} requires the row to exist; an ETag requires the row to hold that version.
     *
     * @return true when the row was created
     * @throws ODataError 404 when {@code ifMatch} is set and the row is missing, 412 on a version mismatch
     */
    synchronized boolean patch(UUID id, Map<String, Object> values, String ifMatch, UUID userId) {
        Map<String, Object> row = rows.get(id);
        if (row == null && ifMatch != null) {
            throw new ODataError(404, ODataError.RECORD_NOT_FOUND, "account With Id = " + id + " Does Not Exist");
        }
        if (row != null && ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag(row))) {
            throw new ODataError(412, ODataError.VERSION_MISMATCH,
                    "The version of the existing record doesn't match the RowVersion property provided.");
        }
        boolean created = row == null;
        if (created) {
            row = new LinkedHashMap<>();
            for (String column : DataverseColumns.ALL.keySet()) {
                row.put(column, null);
            }
            row.put(DataverseColumns.ACCOUNT_ID, id);
            rows.put(id, row);
        }
        row.putAll(values);
        Instant now = clock.nextWriteStamp();
        if (created) {
            row.put(DataverseColumns.CREATED_ON, now);
        }
        stamp(row, now, userId);
        return created;
    }

    /** People insert {@code n} accounts in one transaction: one shared {@code modifiedon}. */
    synchronized List<UUID> insert(int n, AccountGenerator generator, UUID userId) {
        if (n < 0) {
            throw new IllegalArgumentException("can insert 0 or more accounts, not " + n);
        }
        Instant now = clock.nextWriteStamp();
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = created++;
            Map<String, Object> row = row(generator.account(index), index, userId);
            row.put(DataverseColumns.CREATED_ON, now);
            stamp(row, now, userId);
            UUID id = (UUID) row.get(DataverseColumns.ACCOUNT_ID);
            rows.put(id, row);
            ids.add(id);
        }
        return ids;
    }

    /**
     * People edit {@code n} distinct accounts chosen by {@code seed}, each in its own transaction: one more
     * support case and a recent login, so the churn inputs change.
     */
    synchronized List<UUID> modify(int n, long seed, UUID userId) {
        List<UUID> ids = new ArrayList<>(new TreeSet<>(rows.keySet()));
        if (n < 0 || n > ids.size()) {
            throw new IllegalArgumentException("can modify between 0 and " + ids.size() + " accounts, not " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<UUID> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Collections.swap(ids, i, i + rnd.nextInt(ids.size() - i));
            UUID id = ids.get(i);
            edit(rows.get(id), rnd.nextInt(3), userId);
            chosen.add(id);
        }
        return chosen;
    }

    /** A person edits one account's churn inputs. */
    synchronized void modify(UUID id, UUID userId) {
        Map<String, Object> row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
        edit(row, 0, userId);
    }

    private void edit(Map<String, Object> row, int daysSinceLogin, UUID userId) {
        Object cases = row.get(DataverseColumns.SUPPORT_CASES_90D);
        row.put(DataverseColumns.SUPPORT_CASES_90D, (cases == null ? 0 : ((Number) cases).intValue()) + 1);
        row.put(DataverseColumns.DAYS_SINCE_LAST_LOGIN, daysSinceLogin);
        stamp(row, clock.nextWriteStamp(), userId);
    }

    synchronized void delete(UUID id) {
        if (rows.remove(id) == null) {
            throw new IllegalArgumentException("no such account: " + id);
        }
    }

    private void stamp(Map<String, Object> row, Instant now, UUID userId) {
        row.put(DataverseColumns.MODIFIED_ON, now);
        row.put(DataverseColumns.VERSION_NUMBER, ++rowVersion);
        row.put(DataverseColumns.MODIFIED_BY, userId);
    }

    /** The row's weak ETag, {@code W/"<versionnumber>"}. */
    static String etag(Map<String, Object> row) {
        return "W/\"" + row.get(DataverseColumns.VERSION_NUMBER) + "\"";
    }

    /** A body value converted to the column's type; throws a 400 when it does not fit. */
    static Object typed(DataverseColumns.Column column, Object value) {
        if (value == null) {
            return null;
        }
        boolean fits = switch (column.type()) {
            case STRING -> value instanceof String;
            case INT, LONG -> value instanceof Integer || value instanceof Long;
            case DECIMAL -> value instanceof Number;
            case GUID, DATETIME -> value instanceof String;
        };
        if (!fits) {
            throw new ODataError(400, ODataError.BAD_VALUE, "Error identified in Payload provided by the user for"
                    + " Entity :'accounts', For more information on this error please follow this help link"
                    + " https://go.microsoft.com/fwlink/?linkid=2195293 ----> InnerException : Cannot convert the"
                    + " literal to the expected type 'Edm." + column.type() + "'.");
        }
        return switch (column.type()) {
            case DECIMAL -> value instanceof BigDecimal ? ((BigDecimal) value).doubleValue() : ((Number) value).doubleValue();
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            default -> value;
        };
    }
}
