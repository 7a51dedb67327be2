package io.aihub.routes.observe;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Switches the hub's log layout between text and JSON lines at run time. {@code log4j2.xml} chooses the layout
 * by the system property {@value #PROPERTY} ({@code text} or {@code json}); this sets it and reconfigures
 * Log4j, so {@code ./aihub run --log-format json} and {@code aihub.log.format=json} in a configuration file
 * work as well as {@code -Daihub.log.format=json} on the JVM.
 */
public final class LogFormat {

    /** The configuration key and system property. */
    public static final String PROPERTY = "aihub.log.format";

    private LogFormat() {
    }

    /**
     * Applies a format, reconfiguring Log4j only when it changes.
     *
     * @param format {@code text} or {@code json}, case-insensitive
     * @throws IllegalArgumentException for any other value
     */
    public static void apply(String format) {
        String wanted = check(format);
        if (wanted.equals(current())) {
            return;
        }
        System.setProperty(PROPERTY, wanted);
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }

    /** The format in use: {@code json} when the property says so, else {@code text}. */
    public static String current() {
        return "json".equals(System.getProperty(PROPERTY)) ? "json" : "text";
    }

    /** The format in lower case; fails for a value other than text or json. */
    public static String check(String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new IllegalArgumentException(PROPERTY + " must be text or json, not '"
                    + format + "'");
        }
        return f;
    }
}
