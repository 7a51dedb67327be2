package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.error.PermanentException;
import io.aihub.api.json.HubJson;
import io.aihub.api.source.RejectedRecord;
import io.aihub.connectors.common.CancellableRequests;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a query response ({@code {"totalSize":..,"done":..,"nextRecordsUrl":..,"records":[..]}}) from a stream
 * so that one bad record does not sink the page.
 *
 * <p>Record boundaries are found by a byte-level scan that knows only JSON's structure (strings with their
 * escapes, brackets, commas): it does not decode text, so invalid UTF-8, a bare {@code NaN}, a 50 MB string or
 * 10,000 levels of nesting inside one record do not move the boundaries. While scanning, it notes each record's
 * nesting depth and longest string, takes the top-level {@code Id} and {@code SystemModstamp} (short plain
 * strings), and keeps at most {@link SalesforceReadLimits#maxRecordBytes()} of the record's bytes. Only a record
 * within every cap and valid UTF-8 is parsed, alone, by Jackson with the same caps as
 * {@link StreamReadConstraints}; a bare {@code NaN} or {@code Infinity} is read as that double (the feature
 * mapping refuses it). A record over a cap or not parseable becomes a {@link Rejected} entry with a
 * {@link RejectedRecord} code. A record is never held in memory beyond its cap, and no record text reaches a
 * message.
 *
 * <p>A record whose {@code Id} or {@code SystemModstamp} cannot be recovered cannot be dead-lettered nor passed,
 * so the whole response is refused with {@value SalesforceResponses#PROTOCOL} naming the record's index, as is a
 * response whose structure (outside the records' values) is not JSON.
 *
 * <p>At most {@code SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD} bytes of a response are read before its first
 * record ends, and that much more per record read: a longer one (say an endless record in a chunked body) is cut off with a permanent {@value CancellableRequests#RESPONSE_TOO_LARGE}, so skipping an oversized
 * record cannot make the connector read without end.
 *
 * <p>Thread-safe: holds only immutable settings.
 */
final class SalesforceQueryResponseReader {

    /** One element of the records array. */
    sealed interface Entry permits Parsed, Rejected {
    }

    /** A record that parsed. */
    record Parsed(JsonNode record) implements Entry {
    }

    /**
     * A record readable only as far as its id and stamp.
     *
     * @param id             the record's Id
     * @param systemModstamp its SystemModstamp text
     * @param code           a {@link RejectedRecord} code
     * @param reason         why, without any value of the record
     */
    record Rejected(String id, String systemModstamp, String code, String reason) implements Entry {
    }

    /**
     * A query response.
     *
     * @param records        the records array, in order
     * @param done           the {@code done} flag (true when absent)
     * @param nextRecordsUrl the next page's URL, or null
     * @param totalSize      the {@code totalSize}, or -1 when absent
     */
    record Response(List<Entry> records, boolean done, String nextRecordsUrl, long totalSize) {
        Response {
            records = List.copyOf(records);
        }
    }

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{15}([0-9A-Za-z]{3})?");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final int MAX_ENVELOPE_VALUE_BYTES = 64 * 1024;
    private static final int MAX_KEY_BYTES = 256;
    private static final int CAPTURE_BYTES = 64;

    private final String instanceName;
    private final SalesforceReadLimits limits;
    private final ObjectMapper recordMapper;

    SalesforceQueryResponseReader(String instanceName, SalesforceReadLimits limits) {
        this.instanceName = instanceName;
        this.limits = limits;
        this.recordMapper = HubJson.mapperBuilder(HubJson.limits()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxFieldBytes())
                        .maxDocumentLength(limits.maxRecordBytes())
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /**
     * Reads a whole response body.
     *
     * @throws PermanentException {@value SalesforceResponses#PROTOCOL} when the response's structure is broken
     *                            or a record's Id or SystemModstamp cannot be recovered
     * @throws IOException        when the stream fails
     */
    Response read(InputStream body) throws IOException {
        ByteInput in = new ByteInput(body, SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD, instanceName);
        if (in.nextNonBlank() != '{') {
            throw protocol("the query response is not a JSON object");
        }
        List<Entry> records = null;
        boolean done = true;
        String nextRecordsUrl = null;
        long totalSize = -1;
        int c = in.nextNonBlank();
        while (c != '}') {
            if (c != '"') {
                throw protocol("the query response is not well-formed JSON");
            }
            String key = new String(readKey(in), StandardCharsets.UTF_8);
            if (in.nextNonBlank() != ':') {
                throw protocol("the query response is not well-formed JSON");
            }
            if (key.equals("records")) {
                records = readRecords(in);
            } else {
                JsonNode value = envelopeValue(in);
                switch (key) {
                    case "done" -> done = value.asBoolean(true);
                    case "nextRecordsUrl" -> nextRecordsUrl = value.isTextual() ? value.textValue() : null;
                    case "totalSize" -> totalSize = value.canConvertToLong() ? value.asLong() : -1;
                    default -> {
                        // other members (e.g. queryLocator) are not used
                    }
                }
            }
            c = in.nextNonBlank();
            if (c == ',') {
                c = in.nextNonBlank();
            } else if (c != '}') {
                throw protocol("the query response is not well-formed JSON");
            }
        }
        if (in.nextNonBlank() != -1) {
            throw protocol("the query response has data after its JSON object");
        }
        if (records == null) {
            throw protocol("the query response has no records array");
        }
        return new Response(records, done, nextRecordsUrl, totalSize);
    }

    private List<Entry> readRecords(ByteInput in) throws IOException {
        if (in.nextNonBlank() != '[') {
            throw protocol("the query response's records member is not an array");
        }
        List<Entry> entries = new ArrayList<>();
        int c = in.nextNonBlank();
        if (c == ']') {
            return entries;
        }
        while (true) {
            ValueScan scan = new ValueScan(limits.maxRecordBytes(), limits.maxNestingDepth(), limits.maxFieldBytes());
            scanValue(in, c, scan);
            entries.add(classify(scan, entries.size()));
            in.allowOneRecordMore();
            c = in.nextNonBlank();
            if (c == ']') {
                return entries;
            }
            if (c != ',') {
                throw protocol("the query response's records array is not well-formed after record "
                        + (entries.size() - 1));
            }
            c = in.nextNonBlank();
        }
    }

    private Entry classify(ValueScan scan, int index) {
        String id = scan.id;
        if (!scan.objectAtTop || id == null || !ID.matcher(id).matches()) {
            throw protocol("record " + index + " of the query page has no readable Id, so it can be neither read"
                    + " nor dead-lettered; the page is refused");
        }
        String stamp = scan.stamp;
        try {
            SoqlLiterals.parseDateTime(stamp == null ? "" : stamp);
        } catch (DateTimeParseException e) {
            throw protocol("record " + index + " (Id " + id + ") of the query page has no readable SystemModstamp,"
                    + " so the position cannot move past it; the page is refused");
        }
        if (scan.tooDeepIn != null) {
            return new Rejected(id, stamp, RejectedRecord.NESTING_TOO_DEEP, "a value" + field(scan.tooDeepIn)
                    + " is nested deeper than maxNestingDepth (" + limits.maxNestingDepth() + " levels)");
        }
        if (scan.tooLongIn != null) {
            return new Rejected(id, stamp, RejectedRecord.FIELD_TOO_LARGE, "a text" + field(scan.tooLongIn)
                    + " is longer than maxFieldBytes (" + limits.maxFieldBytes() + " bytes)");
        }
        if (scan.overflow) {
            return new Rejected(id, stamp, RejectedRecord.RECORD_TOO_LARGE, "the record is larger than"
                    + " maxRecordBytes (" + limits.maxRecordBytes() + " bytes)");
        }
        if (!Utf8Validator.isValid(scan.bytes, scan.count)) {
            return new Rejected(id, stamp, RejectedRecord.INVALID_UTF8, "the record's text is not valid UTF-8");
        }
        try {
            JsonNode record = recordMapper.readTree(scan.bytes, 0, scan.count);
            return new Parsed(record);
        } catch (IOException e) {
            return new Rejected(id, stamp, RejectedRecord.UNREADABLE, "the record is not valid JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** " in field X" when the field's name is a plain API name (never anything else from the payload). */
    private static String field(String name) {
        return FIELD_NAME.matcher(name).matches() ? " in field " + name : "";
    }

    private JsonNode envelopeValue(ByteInput in) throws IOException {
        ValueScan scan = new ValueScan(MAX_ENVELOPE_VALUE_BYTES, 8, MAX_ENVELOPE_VALUE_BYTES);
        scanValue(in, in.nextNonBlank(), scan);
        if (scan.overflow || scan.tooDeepIn != null) {
            throw protocol("a member of the query response is larger or deeper than expected");
        }
        try {
            return SalesforceJson.MAPPER.readTree(scan.bytes, 0, scan.count);
        } catch (IOException e) {
            throw protocol("a member of the query response is not readable JSON (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private byte[] readKey(ByteInput in) throws IOException {
        ValueScan scan = new ValueScan(MAX_KEY_BYTES + 2, 1, MAX_KEY_BYTES);
        scanValue(in, '"', scan);
        if (scan.overflow || scan.tooLongIn != null) {
            throw protocol("the query response has an overlong member name");
        }
        return Arrays.copyOfRange(scan.bytes, 1, scan.count - 1);
    }

    /**
     * Reads one JSON value whose first byte is {@code first}, copying its bytes into {@code scan} and noting
     * its shape. Knows only JSON's structure; everything between structural bytes is copied unchecked.
     */
    private static void scanValue(ByteInput in, int first, ValueScan scan) throws IOException {
        int depth = 0;
        boolean expectKey = false;
        String key = null;
        int c = first;
        while (true) {
            if (c < 0) {
                throw new EOFException("the response ended inside a value");
            }
            scan.append(c);
            switch (c) {
                case '"' -> {
                    boolean atTop = depth == 1 && scan.objectAtTop;
                    String text = scanStringRest(in, scan, atTop ? CAPTURE_BYTES : 0, depth == 0 ? "" : key);
                    if (atTop && expectKey) {
                        key = text;
                    } else if (atTop && text != null && "Id".equals(key)) {
                        scan.id = text;
                    } else if (atTop && text != null && "SystemModstamp".equals(key)) {
                        scan.stamp = text;
                    }
                    if (depth == 0) {
                        return;
                    }
                }
                case '{', '[' -> {
                    if (depth == 0) {
                        scan.objectAtTop = c == '{';
                    }
                    depth++;
                    if (depth > scan.maxDepth && scan.tooDeepIn == null) {
                        scan.tooDeepIn = key == null ? "" : key;
                    }
                    if (depth == 1) {
                        expectKey = c == '{';
                    }
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        return;
                    }
                }
                case ':' -> {
                    if (depth == 1) {
                        expectKey = false;
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        expectKey = scan.objectAtTop;
                        key = null;
                    }
                }
                default -> {
                    if (depth == 0) {
                        scanScalarRest(in, scan);
                        return;
                    }
                }
            }
            c = in.read();
        }
    }

    /**
     * Reads the rest of a string after its opening quote; returns its raw text when it is at most
     * {@code capture} bytes of printable ASCII without escapes, else null.
     */
    private static String scanStringRest(ByteInput in, ValueScan scan, int capture, String field)
            throws IOException {
        byte[] captured = capture > 0 ? new byte[capture] : null;
        boolean plain = capture > 0;
        long length = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the response ended inside a string");
            }
            scan.append(c);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                int escaped = in.read();
                if (escaped < 0) {
                    throw new EOFException("the response ended inside a string");
                }
                scan.append(escaped);
                plain = false;
                length += 2;
                continue;
            }
            if (plain) {
                if (length < capture && c >= 0x20 && c < 0x7F) {
                    captured[(int) length] = (byte) c;
                } else {
                    plain = false;
                }
            }
            length++;
        }
        if (length > scan.maxStringBytes && scan.tooLongIn == null) {
            scan.tooLongIn = field == null ? "" : field;
        }
        return plain ? new String(captured, 0, (int) length, StandardCharsets.US_ASCII) : null;
    }

    private static void scanScalarRest(ByteInput in, ValueScan scan) throws IOException {
        while (true) {
            int p = in.peek();
            if (p < 0 || p == ',' || p == '}' || p == ']' || isBlank(p)) {
                return;
            }
            scan.append(in.read());
        }
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private PermanentException protocol(String what) {
        return new PermanentException(SalesforceResponses.PROTOCOL, "connector '" + instanceName + "': " + what);
    }

    /** What a scan saw of one value, and up to {@code cap} of its bytes. */
    private static final class ValueScan {
        private final int cap;
        private final int maxDepth;
        private final int maxStringBytes;
        private byte[] bytes = new byte[256];
        private int count;
        private boolean overflow;
        private boolean objectAtTop;
        private String tooDeepIn;
        private String tooLongIn;
        private String id;
        private String stamp;

        private ValueScan(int cap, int maxDepth, int maxStringBytes) {
            this.cap = cap;
            this.maxDepth = maxDepth;
            this.maxStringBytes = maxStringBytes;
        }

        private void append(int c) {
            if (overflow) {
                return;
            }
            if (count == bytes.length) {
                if (count >= cap) {
                    overflow = true;
                    bytes = new byte[0];
                    count = 0;
                    return;
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(cap, 2L * count));
            }
            bytes[count++] = (byte) c;
        }
    }

    /** A buffered byte stream with one byte of look-ahead. */
    private static final class ByteInput {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private final long perRecord;
        private final String instanceName;
        private long maxBytes;
        private long total;
        private int position;
        private int limit;

        private ByteInput(InputStream in, long perRecord, String instanceName) {
            this.in = in;
            this.perRecord = perRecord;
            this.maxBytes = perRecord;
            this.instanceName = instanceName;
        }

        /** A record was read: the page may be {@code perRecord} bytes longer. */
        private void allowOneRecordMore() {
            maxBytes += perRecord;
        }

        private int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        private int peek() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position] & 0xFF;
        }

        private int nextNonBlank() throws IOException {
            int c = read();
            while (isBlank(c)) {
                c = read();
            }
            return c;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            while (n == 0) {
                n = in.read(buffer);
            }
            if (n < 0) {
                return false;
            }
            total += n;
            if (total > maxBytes) {
                throw new PermanentException(CancellableRequests.RESPONSE_TOO_LARGE, "connector '" + instanceName
                        + "': the query page is longer than its limit of " + perRecord + " bytes per record (read "
                        + total + " bytes); the server's answer was not read further");
            }
            position = 0;
            limit = n;
            return true;
        }
    }
}
