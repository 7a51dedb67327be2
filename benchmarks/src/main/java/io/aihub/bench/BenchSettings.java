package io.aihub.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one benchmark run measures and where it writes.
 *
 * @param records          records through the hub and through each raw part
 * @param pageSize         records per source page, JMS transaction, model call and JDBC batch
 * @param modelsDir        the models folder holding {@code churn}
 * @param resultsDir       where the JSON result is written
 * @param workDir          scratch folder for the broker journal and the databases
 * @param progressInterval how often a progress line is printed
 * @param timeout          the most each part may take
 * @param out              where figures and progress go
 * @param db               the database of the BI sink and the raw JDBC part
 */
public record BenchSettings(long records, int pageSize, Path modelsDir, Path resultsDir, Path workDir,
        Duration progressInterval, Duration timeout, PrintStream out, BenchDb db) {

    public BenchSettings {
        if (records <= 0 || pageSize <= 0) {
            throw new IllegalArgumentException("records and page size must be positive");
        }
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(resultsDir, "resultsDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(db, "db");
    }

    /** Settings of a run on H2, the hub's default database. */
    public BenchSettings(long records, int pageSize, Path modelsDir, Path resultsDir, Path workDir,
            Duration progressInterval, Duration timeout, PrintStream out) {
        this(records, pageSize, modelsDir, resultsDir, workDir, progressInterval, timeout, out, BenchDb.H2);
    }
}
