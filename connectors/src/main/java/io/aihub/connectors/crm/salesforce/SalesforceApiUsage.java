package io.aihub.connectors.crm.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's API request usage as reported in the {@code Sforce-Limit-Info} header.
 *
 * @param used  requests counted in the current 24-hour window
 * @param limit the org's daily request limit
 */
public record SalesforceApiUsage(long used, long limit) {

    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d{1,18})/(\\d{1,18})");

    public SalesforceApiUsage {
        if (used < 0 || limit < 0) {
            throw new IllegalArgumentException("usage and limit must not be negative");
        }
    }

    /** Parses a header value like {@code api-usage=25/15000}; empty when absent or unreadable. */
    public static Optional<SalesforceApiUsage> parse(String limitInfo) {
        if (limitInfo == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(limitInfo);
        return m.find() ? Optional.of(new SalesforceApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }
}
