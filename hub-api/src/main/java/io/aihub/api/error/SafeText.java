package io.aihub.api.error;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Makes text that came from outside the hub (an error message a model server or business system answered with)
 * safe to put into an error message, a log line or a dead letter's reason: known secrets are replaced by
 * {@code ****}, bearer tokens and what looks like an e-mail address, an IBAN or a phone number by a placeholder,
 * control characters by spaces, and the text is cut to {@value #MAX_LENGTH} characters.
 */
public final class SafeText {

    /** The longest text returned, without the trailing ellipsis. */
    public static final int MAX_LENGTH = 300;

    private static final int MIN_SECRET_LENGTH = 4;
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\\b");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()/-]{7,}[0-9]");

    private SafeText() {
    }

    /**
     * A failure for a log line or a reason: an aihub error's own message (written never to hold a payload value),
     * else only the exception's class name, because other libraries' messages quote the values they choked on
     * (a JSON token, a value a type conversion refused, a duplicate key).
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "";
        }
        return failure instanceof AihubException ? failure.getMessage() : failure.getClass().getName()
                + " (message withheld: it may quote payload values)";
    }

    /**
     * The text with {@code secrets} (those of at least 4 characters) and personal-looking values replaced.
     *
     * @param text    text from outside the hub; null gives the empty text
     * @param secrets values that must never appear (e.g. the bearer token the request carried); nulls ignored
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String out = text.replaceAll("\\p{Cntrl}", " ");
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                out = out.replace(secret, "****");
            }
        }
        out = BEARER.matcher(out).replaceAll("Bearer ****");
        out = EMAIL.matcher(out).replaceAll("<email>");
        out = IBAN.matcher(out).replaceAll("<iban>");
        out = PHONE.matcher(out).replaceAll("<number>");
        out = out.strip();
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
