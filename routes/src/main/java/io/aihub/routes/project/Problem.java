package io.aihub.routes.project;

import java.util.Objects;

/**
 * One problem found in a project file, printed as {@code file:line: message} like a compiler does.
 *
 * @param file    the file as the user named it (relative where possible)
 * @param line    1-based line, or 0 when the problem concerns the whole file
 * @param message one sentence naming what is wrong and, where it helps, what would be right
 */
public record Problem(String file, int line, String message) implements Comparable<Problem> {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more");
        }
    }

    /** {@code file:line} (or just the file for line 0): the location the broken-routes test compares. */
    public String location() {
        return line == 0 ? file : file + ":" + line;
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : message.compareTo(other.message);
    }
}
