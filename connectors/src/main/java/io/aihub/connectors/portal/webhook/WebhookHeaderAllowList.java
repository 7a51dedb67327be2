package io.aihub.connectors.portal.webhook;

import java.util.Locale;
import java.util.Set;

/**
 * The request headers a webhook route may see: the signature, id and timestamp headers of the four schemes, the
 * CloudEvents {@code ce-*} attributes and {@code Content-Type}. Everything else, and every name starting with
 * {@code camel} or {@code org.apache.camel} in any letter case, is dropped before the request enters a route, so
 * a sender cannot set a header that changes what the hub does (a send destination, a bean method, a file name).
 */
public final class WebhookHeaderAllowList {

    /** The allowed names, lower case. */
    static final Set<String> NAMES = Set.of(
            "content-type",
            WebhookVerifier.WEBHOOK_ID, WebhookVerifier.WEBHOOK_TIMESTAMP, WebhookVerifier.WEBHOOK_SIGNATURE,
            lower(WebhookVerifier.STRIPE_SIGNATURE),
            lower(WebhookVerifier.GITHUB_SIGNATURE), lower(WebhookEventParser.GITHUB_DELIVERY),
            lower(WebhookEventParser.GITHUB_EVENT),
            lower(WebhookVerifier.SHOPIFY_SIGNATURE), lower(WebhookEventParser.SHOPIFY_WEBHOOK_ID),
            lower(WebhookEventParser.SHOPIFY_EVENT_ID), lower(WebhookEventParser.SHOPIFY_TOPIC),
            lower(WebhookEventParser.SHOPIFY_TRIGGERED_AT));

    /** Longest {@code ce-*} header name let through. */
    static final int MAX_CE_NAME_LENGTH = 64;

    private WebhookHeaderAllowList() {
    }

    /** True when a request header (or query parameter) of this name may enter a webhook route. */
    public static boolean allows(String name) {
        if (name == null || isCamelHeader(name)) {
            return false;
        }
        String lower = lower(name);
        return NAMES.contains(lower) || (lower.startsWith("ce-") && lower.length() > 3
                && lower.length() <= MAX_CE_NAME_LENGTH
                && lower.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    }

    /** True for a name Camel reads as one of its own headers: {@code Camel*} or {@code org.apache.camel*}, any case. */
    public static boolean isCamelHeader(String name) {
        String lower = lower(name.strip());
        return lower.startsWith("camel") || lower.startsWith("org.apache.camel");
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
