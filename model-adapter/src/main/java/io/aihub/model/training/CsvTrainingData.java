package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads labelled rows from a CSV export (RFC 4180): UTF-8 (a byte order mark is skipped), a header row naming
 * the columns, fields separated by commas, optionally enclosed in double quotes (inside which commas, line breaks
 * and doubled quotes {@code ""} stand for themselves), lines ending in CRLF or LF. Completely blank lines are
 * skipped.
 *
 * <p>Cell values: an empty cell (quoted or not) is null; a cell that is a plain decimal number ({@code 12},
 * {@code -0.5}, {@code 1e3}) becomes a {@link Double}; anything else stays text. The label column is kept as
 * text and is not one of the row's fields.
 */
public final class CsvTrainingData {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvTrainingData() {
    }

    /**
     * Reads every row.
     *
     * @param csv         the CSV file
     * @param labelColumn the header name of the column holding the label
     * @throws PermanentException {@value ClassifierTrainer#BAD_DATA} naming the file and line of the first problem
     *                            (missing label column, duplicate header, wrong cell count, empty label,
     *                            unterminated quote), never a cell value
     */
    public static List<LabeledRow> read(Path csv, String labelColumn) {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(reader, csv.toString(), labelColumn);
        } catch (IOException e) {
            throw new PermanentException(ClassifierTrainer.BAD_DATA, "cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every row from a reader.
     *
     * @param source names the data in error messages
     */
    public static List<LabeledRow> read(Reader reader, String source, String labelColumn) throws IOException {
        CsvRecordReader records = new CsvRecordReader(reader);
        List<String> header = records.next();
        if (header == null) {
            throw bad(source, 1, "has no header row");
        }
        header = header.stream().map(h -> h == null ? "" : h.strip()).toList();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (column.isEmpty()) {
                throw bad(source, 1, "has an empty column name in the header");
            }
            if (!seen.add(column)) {
                throw bad(source, 1, "names column '" + column + "' twice");
            }
        }
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw bad(source, 1, "has no column '" + labelColumn + "' (columns: " + String.join(", ", header) + ")");
        }
        List<LabeledRow> rows = new ArrayList<>();
        List<String> cells;
        while ((cells = records.next()) != null) {
            int line = records.recordLine();
            if (cells.size() != header.size()) {
                throw bad(source, line, "has " + cells.size() + " cells; the header has " + header.size());
            }
            String label = cells.get(labelIndex);
            if (label == null || label.isBlank()) {
                throw bad(source, line, "has an empty label in column '" + labelColumn + "'");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != labelIndex) {
                    fields.put(header.get(i), value(cells.get(i)));
                }
            }
            rows.add(new LabeledRow(fields, label.strip()));
        }
        return rows;
    }

    private static Object value(String cell) {
        if (cell == null) {
            return null;
        }
        String trimmed = cell.strip();
        return DECIMAL.matcher(trimmed).matches() ? (Object) Double.parseDouble(trimmed) : cell;
    }

    private static PermanentException bad(String source, int line, String problem) {
        return new PermanentException(ClassifierTrainer.BAD_DATA, source + " line " + line + " " + problem);
    }
}
