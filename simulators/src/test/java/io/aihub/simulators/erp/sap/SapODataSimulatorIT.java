package io.aihub.simulators.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator speaks SAP's OData v2 the way the connector relies on, including its skiptoken hazard. */
class SapODataSimulatorIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SapODataSimulator sim;

    @BeforeEach
    void start() {
        sim = SapODataSimulator.builder().partners(50).salesOrders(10).seed(1L).partnerServerPageSize(10).build();
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SapODataSimulator.INTEGRATION_USER + ":demo-password").getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return SapJson.MAPPER.readTree(response.body());
    }

    @Test
    void shouldServeV2EnvelopesWithMetadataEtagsAndV2Dates() throws Exception {
        String url = sim.serviceUrl(SapService.BUSINESS_PARTNER) + "/A_BusinessPartner?$top=1&$inlinecount=allpages";
        JsonNode d = json(get(url)).path("d");

        assertThat(d.path("__count").asText()).isEqualTo("50");
        JsonNode partner = d.path("results").get(0);
        assertThat(partner.path("BusinessPartner").asText()).isEqualTo("1000001");
        assertThat(partner.path("__metadata").path("etag").asText())
                .isEqualTo(sim.etag(SapService.BUSINESS_PARTNER, "1000001")).startsWith("W/\"datetimeoffset'");
        assertThat(partner.path("LastChangeDateTime").asText()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(partner.path("YY1_MonthlySpend_bus").isTextual()).as("Edm.Decimal as text").isTrue();
    }

    @Test
    void shouldRefuseMissingCredentialsWithBasicChallenge() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                sim.serviceUrl(SapService.SALES_ORDER) + "/A_SalesOrder")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic"));
    }

    @Test
    void followingOffsetSkiptokensSkipsARecordWhenAnEarlierOneChangesWhilePaging() throws Exception {
        String next = sim.serviceUrl(SapService.BUSINESS_PARTNER)
                + "/A_BusinessPartner?$orderby=LastChangeDateTime,BusinessPartner&$select=BusinessPartner";
        List<String> read = new ArrayList<>();
        boolean edited = false;
        while (next != null) {
            JsonNode d = json(get(next)).path("d");
            d.path("results").forEach(r -> read.add(r.path("BusinessPartner").asText()));
            if (!edited) {
                sim.modify(SapService.BUSINESS_PARTNER, read.get(0));
                edited = true;
            }
            next = d.hasNonNull("__next") ? d.path("__next").asText() : null;
        }

        Set<String> missing = new HashSet<>(sim.partnerKeys());
        read.forEach(missing::remove);
        assertThat(missing).as("the record that moved up into the first page's last slot").containsExactly("1000011");
    }
}
