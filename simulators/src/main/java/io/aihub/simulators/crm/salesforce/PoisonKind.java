package io.aihub.simulators.crm.salesforce;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a poisoned record is served by the query API (see {@link SalesforceSimulator#poison}). The record stays
 * valid in the simulator's store; only its bytes on the wire are bad, and they are written raw, never through
 * Jackson: each kind replaces (or removes) one field of the churn model's inputs.
 */
public enum PoisonKind {

    /** {@code "Tenure_Months__c":"abc"}: text where a number is expected. */
    WRONG_TYPE_TEXT("Tenure_Months__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            out.write(ascii("\"abc\""));
        }
    },
    /** {@code "Days_Since_Last_Login__c":{"value":12}}: an object where a number is expected. */
    WRONG_TYPE_OBJECT("Days_Since_Last_Login__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            out.write(ascii("{\"value\":12}"));
        }
    },
    /** No {@code Plan__c} at all: a field the churn model needs and has no default for. */
    MISSING_REQUIRED_FIELD("Plan__c") {
        @Override
        void writeValue(OutputStream out) {
            throw new UnsupportedOperationException("the field is left out");
        }
    },
    /** {@code "NPS__c":[[[...]]]}: {@value #NESTING_DEPTH} nested arrays. */
    DEEP_NESTING("NPS__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            byte[] open = new byte[NESTING_DEPTH];
            Arrays.fill(open, (byte) '[');
            byte[] close = new byte[NESTING_DEPTH];
            Arrays.fill(close, (byte) ']');
            out.write(open);
            out.write(close);
        }
    },
    /** {@code "Plan__c":"xxxx..."}: a string of {@value #HUGE_STRING_BYTES} bytes, written in chunks. */
    HUGE_STRING("Plan__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            out.write('"');
            for (long left = HUGE_STRING_BYTES; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write('"');
        }
    },
    /** {@code "Plan__c":"Ba\xC3\x28sic"}: a string holding bytes that are not UTF-8. */
    INVALID_UTF8("Plan__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            out.write(new byte[] {'"', 'B', 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 's', 'i', 'c', '"'});
        }
    },
    /** {@code "Monthly_Spend__c":NaN}: a bare NaN token, which JSON does not allow. */
    NAN("Monthly_Spend__c") {
        @Override
        void writeValue(OutputStream out) throws IOException {
            out.write(ascii("NaN"));
        }
    };

    /** How deeply {@link #DEEP_NESTING} nests. */
    public static final int NESTING_DEPTH = 10_000;
    /** How long the {@link #HUGE_STRING} value is, in bytes (50 MiB). */
    public static final long HUGE_STRING_BYTES = 50L * 1024 * 1024;

    private final String field;

    PoisonKind(String field) {
        this.field = field;
    }

    /** The Account field this kind spoils. */
    public String field() {
        return field;
    }

    /** Writes the field's bad JSON value; not called for {@link #MISSING_REQUIRED_FIELD}. */
    abstract void writeValue(OutputStream out) throws IOException;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
