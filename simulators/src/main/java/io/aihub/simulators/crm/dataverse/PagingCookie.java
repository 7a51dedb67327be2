package io.aihub.simulators.crm.dataverse;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $skiptoken} of an {@code @odata.nextLink}, shaped like Dataverse's:
 * {@code <cookie pagenumber="2" pagingcookie="..." istracking="False" />}, where the (twice URL-encoded)
 * paging cookie holds the last returned row's values of the ordering columns. The next page holds the rows
 * after that row in the current data, so rows changed while a client pages move in the order as they do in
 * Dataverse: a row whose {@code modifiedon} moved past the cookie is returned again later.
 *
 * @param pageNumber the number of the page the token asks for
 * @param last       the last returned row's typed values, by column (absent or null: null)
 */
record PagingCookie(int pageNumber, Map<String, Object> last) {

    private static final Pattern OUTER = Pattern.compile(
            "<cookie pagenumber=\"(\\d{1,9})\" pagingcookie=\"([^\"]*)\" istracking=\"False\" />");
    private static final Pattern COLUMN = Pattern.compile("<([a-z_][a-z0-9_]*) last=\"([^\"]*)\" />");

    PagingCookie {
        last = new LinkedHashMap<>(last);
    }

    String encode() {
        StringBuilder inner = new StringBuilder("<cookie page=\"" + (pageNumber - 1) + "\">");
        last.forEach((column, value) -> {
            if (value != null) {
                inner.append('<').append(column).append(" last=\"")
                        .append(value instanceof UUID ? "{" + value.toString().toUpperCase() + "}" : ODataValues.wire(value))
                        .append("\" />");
            }
        });
        inner.append("</cookie>");
        String twice = URLEncoder.encode(URLEncoder.encode(inner.toString(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        return "<cookie pagenumber=\"" + pageNumber + "\" pagingcookie=\"" + twice + "\" istracking=\"False\" />";
    }

    /** Reads a token this simulator wrote; anything else is a 400, as a tampered token is in Dataverse. */
    static PagingCookie decode(String token) {
        Matcher outer = OUTER.matcher(token);
        if (!outer.matches()) {
            throw ODataError.badQuery("The $skiptoken is not valid.");
        }
        String inner = URLDecoder.decode(URLDecoder.decode(outer.group(2), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        Map<String, Object> last = new LinkedHashMap<>();
        Matcher column = COLUMN.matcher(inner);
        try {
            while (column.find()) {
                DataverseColumns.Column c = DataverseColumns.column(column.group(1))
                        .orElseThrow(() -> ODataError.badQuery("The $skiptoken is not valid."));
                String text = column.group(2);
                last.put(c.name(), switch (c.type()) {
                    case GUID -> UUID.fromString(text.replace("{", "").replace("}", ""));
                    case DATETIME -> Instant.parse(text);
                    case STRING -> text;
                    case INT, LONG, DECIMAL -> new BigDecimal(text);
                });
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ODataError.badQuery("The $skiptoken is not valid.");
        }
        return new PagingCookie(Integer.parseInt(outer.group(1)), last);
    }
}
