package io.aihub.connectors.erp.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One table, schema or column name from configuration, safe to put into SQL. Two forms are accepted: a plain
 * identifier ({@code updated_at}: a letter or underscore, then letters, digits, underscores or {@code $}),
 * which is folded to the case the database stores unquoted names in, as the database itself would; and a
 * double-quoted identifier ({@code "Updated At"}: letters, digits, underscores, {@code $}, blanks and dashes),
 * which is kept exactly. Neither form can hold a quote character, so rendering it between quotes can never
 * end the identifier early.
 *
 * @param name   the name without quotes
 * @param quoted whether it was written between double quotes (case kept)
 */
record SqlIdentifier(String name, boolean quoted) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,127}");
    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z0-9_$ -]{1,128})\"");

    /** What a configured identifier must look like, for error messages. */
    static final String RULE = "must be an identifier (a letter or underscore, then letters, digits, underscores"
            + " or $) or a double-quoted name of letters, digits, underscores, $, blanks and dashes";

    SqlIdentifier {
        Objects.requireNonNull(name, "name");
        if (!(quoted ? QUOTED.matcher('"' + name + '"').matches() : PLAIN.matcher(name).matches())) {
            throw new IllegalArgumentException(RULE);
        }
    }

    /**
     * Parses one configured identifier.
     *
     * @throws IllegalArgumentException when the text is neither form
     */
    static SqlIdentifier parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("\"")) {
            if (!QUOTED.matcher(trimmed).matches()) {
                throw new IllegalArgumentException(RULE);
            }
            return new SqlIdentifier(trimmed.substring(1, trimmed.length() - 1), true);
        }
        return new SqlIdentifier(trimmed, false);
    }

    /** True when {@code text} is an identifier {@link #parse} accepts. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The name as the database stores it: quoted names as written, plain names folded. */
    String stored(IdentifierFolding folding) {
        return quoted ? name : folding.fold(name);
    }

    /** The identifier as SQL text, always quoted. */
    String sql(IdentifierFolding folding) {
        return '"' + stored(folding) + '"';
    }

    /** Whether two configured identifiers name the same database object. */
    boolean sameAs(SqlIdentifier other) {
        return quoted && other.quoted ? name.equals(other.name) : name.equalsIgnoreCase(other.name);
    }

    @Override
    public String toString() {
        return quoted ? '"' + name + '"' : name;
    }
}
