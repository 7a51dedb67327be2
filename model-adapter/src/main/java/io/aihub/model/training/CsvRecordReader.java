package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records, one at a time. Empty cells come back as null. Knows the line each record
 * starts on, for error messages.
 */
final class CsvRecordReader {

    private static final int END = -1;

    private final Reader reader;
    private int line = 1;
    private int recordLine;
    private int pushedBack = Integer.MIN_VALUE;
    private boolean first = true;

    CsvRecordReader(Reader reader) {
        this.reader = reader;
    }

    /** The line the last record returned by {@link #next()} started on (1-based). */
    int recordLine() {
        return recordLine;
    }

    /** The next record's cells, or null at the end of the input; completely blank lines are skipped. */
    List<String> next() throws IOException {
        int c = read();
        while (c == '\r' || c == '\n') {
            c = lineBreak(c);
        }
        if (c == END) {
            return null;
        }
        recordLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (c == '"' && cell.length() == 0 && !quoted) {
                quoted = true;
                c = readQuoted(cell);
            }
            if (c == ',' || c == '\r' || c == '\n' || c == END) {
                cells.add(cell.length() == 0 ? null : cell.toString());
                cell.setLength(0);
                quoted = false;
                if (c == ',') {
                    c = read();
                    continue;
                }
                if (c != END) {
                    pushedBack = lineBreak(c);
                }
                return cells;
            }
            if (quoted) {
                throw new PermanentException(ClassifierTrainer.BAD_DATA, "CSV line " + line
                        + " has text after a closing quote");
            }
            cell.append((char) c);
            c = read();
        }
    }

    /** Reads a quoted cell's content after its opening quote; returns the character after the closing quote. */
    private int readQuoted(StringBuilder cell) throws IOException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c == END) {
                throw new PermanentException(ClassifierTrainer.BAD_DATA, "CSV line " + startLine
                        + " opens a quote that is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            } else if (c == '\n') {
                line++;
            }
            cell.append((char) c);
        }
    }

    /** Consumes a line break starting with {@code c}; returns the first character of the next line. */
    private int lineBreak(int c) throws IOException {
        line++;
        int next = read();
        if (c == '\r' && next == '\n') {
            next = read();
        }
        return next;
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        int c = reader.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = reader.read();
            }
        }
        return c;
    }
}
