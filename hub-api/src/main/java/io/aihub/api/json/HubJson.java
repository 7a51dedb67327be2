package io.aihub.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The only factory of Jackson JSON factories and mappers in the hub: every JSON document the hub reads (webhook
 * bodies, CRM/ERP responses, model server responses, envelopes from the broker, stored positions) goes through a
 * mapper built here, so every one has explicit {@link StreamReadConstraints}: nesting at most
 * {@value #MAX_NESTING_DEPTH} deep, strings at most {@value #MAX_STRING_LENGTH} characters, numbers at most
 * {@value #MAX_NUMBER_LENGTH} digits and a document size limit ({@value #DEFAULT_MAX_DOCUMENT_BYTES} bytes unless
 * the caller gives a smaller or larger one). A source scan ({@code JsonFactoryScanTest}) fails the build when
 * production code creates an {@code ObjectMapper} or a {@code JsonFactory} anywhere else.
 *
 * <p>Callers may tighten the limits (or, like the Salesforce reader, set them from configuration) through
 * {@link #limits()}, and add Jackson features on the returned {@link JsonMapper.Builder}.
 */
public final class HubJson {

    /** Deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value or name read, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Longest number read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** The document size limit when the caller gives none, in bytes (16 MiB). */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper DEFAULT = mapperBuilder(DEFAULT_MAX_DOCUMENT_BYTES).build();

    private HubJson() {
    }

    /** A constraints builder preset with the hub's limits and the default document size; callers may change them. */
    public static StreamReadConstraints.Builder limits() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /** The hub's limits with a document size limit of {@code maxDocumentBytes}. */
    public static StreamReadConstraints limits(long maxDocumentBytes) {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive");
        }
        return limits().maxDocumentLength(maxDocumentBytes).build();
    }

    /** A JSON factory reading with {@code constraints}. */
    public static JsonFactory factory(StreamReadConstraints constraints) {
        return JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /** A mapper builder over a factory with the hub's limits and a document size limit of {@code maxDocumentBytes}. */
    public static JsonMapper.Builder mapperBuilder(long maxDocumentBytes) {
        return mapperBuilder(limits(maxDocumentBytes));
    }

    /** A mapper builder over a factory reading with {@code constraints}. */
    public static JsonMapper.Builder mapperBuilder(StreamReadConstraints constraints) {
        return JsonMapper.builder(factory(constraints));
    }

    /** A shared, thread-safe mapper with the hub's default limits, for code with no limits of its own. */
    public static ObjectMapper mapper() {
        return DEFAULT;
    }
}
