package io.aihub.bench.jmh;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.bench.BenchData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the microbenchmarks share: where the models are, and a ring of source records with the fields of
 * {@link BenchData} (the same accounts the end-to-end benchmark uses), so each call sees a different record.
 */
final class JmhFixtures {

    /** System property naming the models folder; {@link JmhMain} passes it to every forked JVM. */
    static final String MODELS_PROPERTY = "aihub.bench.models";
    /** Records in a ring: a power of two, so {@code i & (RING - 1)} picks one. */
    static final int RING = 1024;
    /** The modification time of every record: fixed, so envelopes do not differ in it. */
    static final Instant MODIFIED_AT = Instant.parse("2026-01-05T08:00:00Z");

    private JmhFixtures() {
    }

    /** The models folder: the system property, else {@code $AIHUB_MODELS_DIR}, else {@code ./models}. */
    static Path modelsDir() {
        String dir = System.getProperty(MODELS_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv().getOrDefault("AIHUB_MODELS_DIR", "models");
        }
        return Path.of(dir).toAbsolutePath();
    }

    /** Record {@code i} as a CRM source reads it: id {@code bench-<i>}, version 1. */
    static SourceRecord record(int i) {
        return new SourceRecord("bench", "Account", BenchData.id(i), "1", MODIFIED_AT, BenchData.fields(i),
                SourcePosition.START);
    }

    /** The first {@link #RING} records. */
    static List<SourceRecord> ring() {
        List<SourceRecord> records = new ArrayList<>(RING);
        for (int i = 0; i < RING; i++) {
            records.add(record(i));
        }
        return records;
    }

    /** The records as one page. */
    static SourcePage page(List<SourceRecord> records) {
        return new SourcePage(records, SourcePosition.START, false);
    }
}
