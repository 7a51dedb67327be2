package io.aihub.simulators.portal;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.model.TicketTriage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic support tickets a customer portal sends as {@code ticket.created} events: {@code Subject},
 * {@code Description}, {@code CustomerTier} and {@code AccountName}, with ticket ids {@code TCK-<seed>-<index>}.
 * The wording is drawn from phrases about billing, technical, account and general matters, with urgent, relaxed
 * or neutral closing lines, so that {@link TicketTriage} gives every priority and category. The right triage of a
 * ticket is {@link TicketTriage} applied to {@link #triageText(Map)}, the text a prompt shows a model.
 */
public final class TicketGenerator {

    /** The ticket fields every event carries. */
    public static final List<String> FIELDS = List.of("Subject", "Description", "CustomerTier", "AccountName");

    private static final String[][] TOPICS = {
        {"Charged twice this month", "I was charged twice for our subscription and need a refund of one charge."},
        {"Invoice shows the wrong amount", "The latest invoice lists more seats than we have."},
        {"Payment did not go through", "Our card payment was declined although the card is valid."},
        {"Export stops with an error", "Exporting the report stops with an error message after a minute."},
        {"App crashes on reports", "The mobile app crashes every time I open the reports tab."},
        {"Dashboard filter bug", "There is a bug in the dashboard filter: dates are ignored."},
        {"Nightly sync failed", "The nightly sync failed and the data is from yesterday."},
        {"Cannot reset my password", "The reset link for my password does not arrive."},
        {"Login link expired", "The login link in the invitation expired before I could use it."},
        {"Access for a new colleague", "Please give our new colleague access to the team workspace."},
        {"Question about the roadmap", "Is there a plan to support more languages this year?"},
        {"How to change the language", "How do I switch the interface to German?"},
        {"Idea for the reports page", "It would help to group the reports page by customer."},
        {"Where is the user guide", "I cannot find the user guide for the new planner."},
    };
    private static final String[] URGENT = {"This is urgent, our whole team is blocked.",
        "Production is down, please help immediately."};
    private static final String[] RELAXED = {"No rush, I was just wondering.",
        "Thanks, any feedback whenever you have time is fine."};
    private static final String[] NEUTRAL = {"Could you take a look?", "Thank you for your help.", ""};
    private static final String[] TIERS = {"Basic", "Basic", "Pro", "Enterprise"};

    private final long seed;
    private final AccountGenerator accounts;

    public TicketGenerator(long seed) {
        this.seed = seed;
        this.accounts = new AccountGenerator(seed);
    }

    /** The id of the {@code index}-th ticket. */
    public String ticketId(int index) {
        return "TCK-" + seed + "-" + index;
    }

    /** The {@code index}-th ticket's fields; the same seed and index always give the same ticket. */
    public Map<String, Object> fields(int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 31_337L + index);
        String[] topic = TOPICS[rnd.nextInt(TOPICS.length)];
        double mood = rnd.nextDouble();
        String[] closing = mood < 0.25 ? URGENT : mood < 0.5 ? RELAXED : NEUTRAL;
        String closingLine = closing[rnd.nextInt(closing.length)];
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", topic[0]);
        fields.put("Description", closingLine.isEmpty() ? topic[1] : topic[1] + " " + closingLine);
        fields.put("CustomerTier", TIERS[rnd.nextInt(TIERS.length)]);
        fields.put("AccountName", accounts.account(index).fields().get("Name"));
        return fields;
    }

    /** The {@code index}-th ticket as a portal event. */
    public PortalEvent event(int index) {
        Instant occurredAt = AccountGenerator.BASE_TIME.plusSeconds(45L * index);
        return new PortalEvent("evt_tck_" + seed + "_" + index, "ticket.created", occurredAt, ticketId(index),
                fields(index));
    }

    /**
     * The text a triage prompt shows a model for these ticket fields: subject, description and customer tier (the
     * shipped triage model's prompt renders exactly this text).
     */
    public static String triageText(Map<String, Object> fields) {
        return "Subject: " + fields.get("Subject") + "\nTicket: " + fields.get("Description") + "\nCustomer tier: "
                + fields.get("CustomerTier");
    }

    /** The right priority of a ticket ({@link TicketTriage#priority} of its {@link #triageText}). */
    public static String priority(Map<String, Object> fields) {
        return TicketTriage.priority(triageText(fields));
    }

    /** The right category of a ticket ({@link TicketTriage#category} of its {@link #triageText}). */
    public static String category(Map<String, Object> fields) {
        return TicketTriage.category(triageText(fields));
    }
}
