package io.aihub.simulators.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the simulated chat model triages a support ticket: a deterministic function of the ticket's text, so the
 * demo and tests know the right answer. The category is {@code billing} when the text mentions an invoice, refund,
 * charge or payment, {@code technical} for an error, crash, bug or failure, {@code account} for a password, login
 * or access, else {@code general} (in that order). The priority is {@code high} when the text is urgent (urgent,
 * down, outage, immediately, blocked, asap) or an Enterprise customer reports a technical problem, {@code low} when
 * it is relaxed (no rush, wondering, feedback, suggestion, whenever), else {@code normal}.
 */
public final class TicketTriage {

    /** The priorities, most urgent first. */
    public static final List<String> PRIORITIES = List.of("high", "normal", "low");
    /** The categories. */
    public static final List<String> CATEGORIES = List.of("billing", "technical", "account", "general");

    private static final Pattern BILLING = Pattern.compile("(?s).*\\b(invoice|refund|charge|payment)\\w*.*");
    private static final Pattern TECHNICAL = Pattern.compile("(?s).*\\b(error|crash|bug|fail)\\w*.*");
    private static final Pattern ACCOUNT = Pattern.compile("(?s).*\\b(password|login|access)\\w*.*");
    private static final Pattern URGENT = Pattern.compile("(?s).*\\b(urgent\\w*|down|outage|immediately|blocked"
            + "|asap)\\b.*");
    private static final Pattern RELAXED = Pattern.compile("(?s).*\\b(no rush|wondering|feedback|suggestion"
            + "|whenever)\\b.*");
    private static final Pattern ENTERPRISE = Pattern.compile("(?s).*\\benterprise\\b.*");

    private TicketTriage() {
    }

    /** The category of a ticket text. */
    public static String category(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (BILLING.matcher(t).matches()) {
            return "billing";
        }
        if (TECHNICAL.matcher(t).matches()) {
            return "technical";
        }
        if (ACCOUNT.matcher(t).matches()) {
            return "account";
        }
        return "general";
    }

    /** The priority of a ticket text. */
    public static String priority(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (URGENT.matcher(t).matches()
                || ENTERPRISE.matcher(t).matches() && "technical".equals(category(t))) {
            return "high";
        }
        return RELAXED.matcher(t).matches() ? "low" : "normal";
    }
}
