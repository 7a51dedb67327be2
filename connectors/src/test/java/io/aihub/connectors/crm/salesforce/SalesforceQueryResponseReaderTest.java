package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.RejectedRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesforceQueryResponseReaderTest {

    private static final String STAMP = "2026-01-05T10:00:00.000+0000";
    private static final SalesforceQueryResponseReader READER =
            new SalesforceQueryResponseReader("crm", SalesforceReadLimits.DEFAULTS);

    private static String record(String id, String extra) {
        return "{\"attributes\":{\"type\":\"Account\",\"url\":\"/x/" + id + "\"},\"Id\":\"" + id
                + "\",\"SystemModstamp\":\"" + STAMP + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static byte[] page(String... records) {
        return ("{\"totalSize\":40,\"done\":false,\"nextRecordsUrl\":\"/services/data/v62.0/query/01g-200\","
                + "\"records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static SalesforceQueryResponseReader.Response read(byte[] body) throws IOException {
        return READER.read(new ByteArrayInputStream(body));
    }

    private static String id(int n) {
        return String.format("001000000000%03dAAA", n);
    }

    @Test
    void readsAWellFormedPageAndItsEnvelope() throws IOException {
        var response = read(page(record(id(1), "\"NPS__c\":7,\"Name\":\"A \\\"quoted\\\" [name]\""),
                record(id(2), "\"Plan__c\":null")));

        assertThat(response.totalSize()).isEqualTo(40);
        assertThat(response.done()).isFalse();
        assertThat(response.nextRecordsUrl()).isEqualTo("/services/data/v62.0/query/01g-200");
        assertThat(response.records()).hasSize(2).allMatch(e -> e instanceof SalesforceQueryResponseReader.Parsed);
        var first = ((SalesforceQueryResponseReader.Parsed) response.records().get(0)).record();
        assertThat(first.path("Name").textValue()).isEqualTo("A \"quoted\" [name]");
        assertThat(first.path("NPS__c").intValue()).isEqualTo(7);
    }

    @Test
    void rejectsOnlyTheBadRecordsOfAPageEachWithItsReasonAndKeepsTheOthers() throws IOException {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"done\":true,\"totalSize\":5,\"records\":[" + record(id(1), "\"NPS__c\":1") + ","
                + record(id(2), "\"Plan__c\":" + deep) + "," + record(id(3), "\"Plan__c\":\"Ba")
                ).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes(("sic\"}," + record(id(4), "\"Plan__c\":\"" + "x".repeat(2 * 1024 * 1024) + "\"") + ","
                + record(id(5), "\"Monthly_Spend__c\":NaN") + "," + record(id(6), "\"Plan__c\":[1,,2]") + ","
                + record(id(7), "\"NPS__c\":2") + "]}").getBytes(StandardCharsets.UTF_8));

        List<SalesforceQueryResponseReader.Entry> entries = read(body.toByteArray()).records();

        assertThat(entries).hasSize(7);
        assertThat(entries.get(0)).isInstanceOf(SalesforceQueryResponseReader.Parsed.class);
        assertRejected(entries.get(1), id(2), RejectedRecord.NESTING_TOO_DEEP, "Plan__c");
        assertRejected(entries.get(2), id(3), RejectedRecord.INVALID_UTF8, "UTF-8");
        assertRejected(entries.get(3), id(4), RejectedRecord.FIELD_TOO_LARGE, "Plan__c");
        var nan = ((SalesforceQueryResponseReader.Parsed) entries.get(4)).record().path("Monthly_Spend__c");
        assertThat(nan.doubleValue()).as("NaN is read as a number for the mapping to refuse").isNaN();
        assertRejected(entries.get(5), id(6), RejectedRecord.UNREADABLE, "not valid JSON");
        assertThat(entries.get(6)).isInstanceOf(SalesforceQueryResponseReader.Parsed.class);
    }

    @Test
    void rejectsARecordLargerThanItsCapWithoutHoldingIt() throws IOException {
        var reader = new SalesforceQueryResponseReader("crm", new SalesforceReadLimits(64, 1024, 4096));
        String fields = String.join(",", Collections.nCopies(20, "\"F__c\":\"" + "y".repeat(500) + "\""));

        var entries = reader.read(new ByteArrayInputStream(page(record(id(1), fields), record(id(2), ""))))
                .records();

        assertRejected(entries.get(0), id(1), RejectedRecord.RECORD_TOO_LARGE, "maxRecordBytes");
        assertThat(entries.get(1)).isInstanceOf(SalesforceQueryResponseReader.Parsed.class);
    }

    @Test
    void aFiftyMegabyteStringIsScannedWithoutBeingHeldInMemory() throws IOException {
        long size = 50L * 1024 * 1024;
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(("{\"records\":[" + record(id(1), "\"Plan__c\":\"")).getBytes(
                        StandardCharsets.UTF_8)),
                new RepeatedByteStream('z', size),
                new ByteArrayInputStream(("\"}," + record(id(2), "") + "],\"done\":true}").getBytes(
                        StandardCharsets.UTF_8)))));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        var entries = READER.read(body).records();

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertRejected(entries.get(0), id(1), RejectedRecord.FIELD_TOO_LARGE, "Plan__c");
        assertThat(entries.get(1)).isInstanceOf(SalesforceQueryResponseReader.Parsed.class);
        assertThat(allocated).as("bytes allocated reading a page with a 50 MB string")
                .isLessThan(3L * SalesforceReadLimits.DEFAULTS.maxRecordBytes());
    }

    @Test
    void refusesThePageWhenARecordsIdCannotBeRecovered() {
        String noId = "{\"SystemModstamp\":\"" + STAMP + "\",\"Plan__c\":\"Basic\"}";
        String escapedId = "{\"Id\":\"001\\u0030000000001AAA\",\"SystemModstamp\":\"" + STAMP + "\"}";
        String noStamp = "{\"Id\":\"" + id(3) + "\",\"Plan__c\":\"Basic\"}";

        assertThatThrownBy(() -> read(page(record(id(1), ""), noId)))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("SALESFORCE_PROTOCOL");
                    assertThat(e.getMessage()).contains("record 1 ").contains("no readable Id")
                            .doesNotContain("Basic");
                });
        assertThatThrownBy(() -> read(page(escapedId))).hasMessageContaining("record 0 ");
        assertThatThrownBy(() -> read(page(noStamp))).hasMessageContaining("SystemModstamp").hasMessageContaining(id(3));
    }

    @Test
    void refusesAResponseWhoseStructureIsBroken() {
        assertThatThrownBy(() -> read("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> read("{\"done\":true}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no records array");
        assertThatThrownBy(() -> read(("{\"records\":[" + record(id(1), "") + " " + record(id(2), "") + "]}")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("after record 0");
        assertThatThrownBy(() -> read(("{\"records\":[" + record(id(1), "\"Name\":\"open"))
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    private static void assertRejected(SalesforceQueryResponseReader.Entry entry, String id, String code,
            String reasonPart) {
        assertThat(entry).isInstanceOfSatisfying(SalesforceQueryResponseReader.Rejected.class, r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.systemModstamp()).isEqualTo(STAMP);
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.reason()).contains(reasonPart).doesNotContain("xxx").doesNotContain("zzz")
                    .doesNotContain("Basic");
        });
    }

    /** {@code length} copies of one byte, generated as they are read. */
    private static final class RepeatedByteStream extends InputStream {
        private final byte value;
        private long left;

        RepeatedByteStream(char value, long length) {
            this.value = (byte) value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }

    /** {@code head}, then {@code filler} bytes of {@code fill} generated on the fly, then {@code tail}; counts reads. */
    private static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final byte fill;
        private final long filler;
        private long position;
        private long read;

        Generated(String head, byte fill, long filler, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.fill = fill;
            this.filler = filler;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + filler + tail.length;
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++, position++) {
                b[off + i] = position < head.length ? head[(int) position]
                        : position < head.length + filler ? fill : tail[(int) (position - head.length - filler)];
            }
            read += n;
            return n;
        }
    }

    @Test
    void cutsOffAnEndlessRecordInsteadOfSkippingItForEver() {
        long perRecord = SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD;
        Generated body = new Generated("{\"done\":true,\"records\":[" + record(id(1), "\"NPS__c\":1") + ","
                + "{\"Id\":\"" + id(2) + "\",\"Name\":", (byte) ' ', 4 * perRecord, "\"\"}]}");

        assertThatThrownBy(() -> READER.read(body)).isInstanceOfSatisfying(PermanentException.class, e -> {
            assertThat(e.code()).isEqualTo("HTTP_RESPONSE_TOO_LARGE");
            assertThat(e.getMessage()).contains("limit of " + perRecord + " bytes per record");
        });
        assertThat(body.read).as("bytes read").isLessThanOrEqualTo(2 * perRecord + 16 * 1024);
    }

    @Test
    void stillDeadLettersSeveralLargeRecordsOfOnePageWithinTheirAllowance() throws IOException {
        long large = SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD * 3 / 4;
        String second = "," + record(id(2), "\"Plan__c\":\"");
        Generated first = new Generated("{\"done\":true,\"records\":[" + record(id(1), "\"Plan__c\":\""),
                (byte) 'x', large, "\"}");
        Generated rest = new Generated(second.substring(0, second.length() - 1), (byte) 'x', large, "\"}]}");

        var entries = READER.read(new SequenceInputStream(first, rest)).records();

        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(SalesforceQueryResponseReader.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(RejectedRecord.FIELD_TOO_LARGE)));
    }
}
