package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSimulatorIT {

    private static final String COMPOSITE = "/services/data/v62.0/composite/sobjects";

    private static SalesforceSimulator shared;
    private static SalesforceHttp sharedHttp;

    @BeforeAll
    static void startSharedSimulator() {
        shared = SalesforceSimulator.builder().build();
        shared.start();
        sharedHttp = new SalesforceHttp(shared.baseUrl());
    }

    @AfterAll
    static void stopSharedSimulator() {
        shared.close();
    }

    private static SalesforceSimulator small(int accounts) {
        SalesforceSimulator sim = SalesforceSimulator.builder().accounts(accounts).build();
        sim.start();
        return sim;
    }

    @Test
    void shouldIssueSignedTokensToTheIntegrationUser() throws Exception {
        SalesforceHttp.Reply reply = sharedHttp.tokenRequest(
                "grant_type=client_credentials&client_id=aihub-demo&client_secret=demo-secret");

        JsonNode body = reply.body();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("instance_url").asText()).isEqualTo(shared.baseUrl());
        assertThat(body.get("id").asText()).isEqualTo(shared.baseUrl() + "/id/" + SalesforceSimulator.ORG_ID + "/"
                + SalesforceSimulator.INTEGRATION_USER_ID);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("issued_at").asText()).matches("\\d{13}");
        assertThat(body.get("access_token").asText()).startsWith(SalesforceSimulator.ORG_ID.substring(0, 15) + "!");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("demo-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                (body.get("id").asText() + body.get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(body.get("signature").asText()).isEqualTo(expected);
    }

    @Test
    void shouldRefuseWrongClientCredentialsAndGrantTypes() {
        SalesforceHttp.Reply wrongSecret = sharedHttp.tokenRequest(
                "grant_type=client_credentials&client_id=aihub-demo&client_secret=nope");
        SalesforceHttp.Reply wrongGrant = sharedHttp.tokenRequest(
                "grant_type=password&client_id=aihub-demo&client_secret=demo-secret");

        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.body().get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.body().get("error_description").asText()).isEqualTo("invalid client credentials");
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.body().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void shouldRefuseDataCallsWithoutAValidSession() {
        try (SalesforceSimulator sim = small(10)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String token = http.token("aihub-demo", "demo-secret");
            assertThat(http.query(token, "SELECT Id FROM Account", null).status()).isEqualTo(200);

            sim.expireTokens();

            for (String presented : new String[] {token, null, "00Dbogus!token"}) {
                SalesforceHttp.Reply reply = http.query(presented, "SELECT Id FROM Account", null);
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.body().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
                assertThat(reply.body().get(0).get("message").asText()).isEqualTo("Session expired or invalid");
            }
        }
    }

    @Test
    void shouldPageTheWholeResultThroughNextRecordsUrlsWithOnlySelectedFields() {
        String token = sharedHttp.token("aihub-demo", "demo-secret");
        SalesforceHttp.Reply reply = sharedHttp.query(token,
                "SELECT Id, Name, AnnualRevenue, NPS__c, SystemModstamp FROM Account ORDER BY SystemModstamp, Id", 500);
        List<String> ids = new ArrayList<>();
        int pages = 1;
        ids.addAll(idsOf(reply.body(), List.of("attributes", "Id", "Name", "AnnualRevenue", "NPS__c",
                "SystemModstamp")));
        assertThat(reply.body().get("totalSize").asInt()).isEqualTo(5000);
        assertThat(reply.body().get("records").get(0).get("attributes").get("url").asText())
                .isEqualTo("/services/data/v62.0/sobjects/Account/" + ids.get(0));
        assertThat(reply.body().get("records").get(0).get("AnnualRevenue").isNumber()).isTrue();
        while (!reply.body().get("done").asBoolean()) {
            String next = reply.body().get("nextRecordsUrl").asText();
            assertThat(next).matches("/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-" + pages * 500);
            reply = sharedHttp.get(token, next);
            assertThat(reply.status()).isEqualTo(200);
            ids.addAll(idsOf(reply.body(), null));
            pages++;
        }

        assertThat(pages).isEqualTo(10);
        assertThat(new HashSet<>(ids)).hasSize(5000).isEqualTo(shared.accountIds());
        assertThat(reply.body().has("nextRecordsUrl")).isFalse();
    }

    @Test
    void shouldServeTheSnapshotTakenWhenTheQueryRan() {
        try (SalesforceSimulator sim = small(600)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String token = http.token("aihub-demo", "demo-secret");
            SalesforceHttp.Reply first = http.query(token,
                    "SELECT Id, SystemModstamp FROM Account ORDER BY SystemModstamp, Id", 200);

            sim.modifyAccounts(600, 1L);
            SalesforceHttp.Reply second = http.get(token, first.body().get("nextRecordsUrl").asText());

            for (JsonNode record : second.body().get("records")) {
                assertThat(record.get("SystemModstamp").asText()).isLessThanOrEqualTo(lastSeededStamp(600));
            }
        }
    }

    @Test
    void shouldRefuseBadQueriesAndUnknownLocators() {
        String token = sharedHttp.token("aihub-demo", "demo-secret");

        assertError(sharedHttp.query(token, "SELECT Id FROM Account WHERE", null), 400, "MALFORMED_QUERY");
        assertError(sharedHttp.query(token, "SELECT Id, Bogus__c FROM Account", null), 400, "INVALID_FIELD");
        assertError(sharedHttp.get(token, "/services/data/v62.0/query/01g5g0000000999AAA-200"), 400,
                "INVALID_QUERY_LOCATOR");
        assertError(sharedHttp.get(token, "/services/data/v62.0/query"), 400, "MALFORMED_QUERY");
    }

    @Test
    void shouldWriteAsTheTokenUserBumpStampsAndLogTheWrite() {
        try (SalesforceSimulator sim = small(20)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String id = sim.accountIds().iterator().next();
            SalesforceHttp.Reply reply = http.patch(http.token("aihub-demo", "demo-secret"), COMPOSITE,
                    "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + id
                    + "\",\"Churn_Score__c\":0.42,\"Churn_Risk__c\":\"High\"}]}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().get(0).get("id").asText()).isEqualTo(id);
            assertThat(reply.body().get(0).get("success").asBoolean()).isTrue();
            assertThat(reply.body().get(0).get("errors")).isEmpty();
            assertThat(sim.account(id)).containsEntry("Churn_Score__c", 0.42).containsEntry("Churn_Risk__c", "High")
                    .containsEntry("LastModifiedById", SalesforceSimulator.INTEGRATION_USER_ID);
            assertThat((String) sim.account(id).get("SystemModstamp")).isGreaterThan(lastSeededStamp(20));
            assertThat(sim.writeLog()).singleElement().satisfies(event -> {
                assertThat(event.recordId()).isEqualTo(id);
                assertThat(event.fields()).containsOnlyKeys("Churn_Score__c", "Churn_Risk__c");
                assertThat(SalesforceDates.format(event.at())).isEqualTo(sim.account(id).get("SystemModstamp"));
            });
        }
    }

    @Test
    void shouldReportPerRecordErrorsInInputOrder() {
        try (SalesforceSimulator sim = small(20)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            Iterator<String> ids = sim.accountIds().iterator();
            String good = ids.next();
            String deleted = ids.next();
            String locked = ids.next();
            sim.deleteAccount(deleted);
            sim.failWrites(locked, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
            String body = "{\"allOrNone\":false,\"records\":["
                    + record(deleted, "\"Churn_Score__c\":0.1") + ","
                    + record("001bad", "\"Churn_Score__c\":0.1") + ","
                    + record(good, "\"Bogus__c\":1") + ","
                    + record(good, "\"SystemModstamp\":\"2030-01-01T00:00:00.000+0000\"") + ","
                    + record(good, "\"Churn_Score__c\":\"high\"") + ","
                    + record(locked, "\"Churn_Score__c\":0.1") + ","
                    + record(good, "\"Churn_Score__c\":0.9") + "]}";

            JsonNode results = http.patch(http.token("aihub-demo", "demo-secret"), COMPOSITE, body).body();

            assertThat(results).hasSize(7);
            assertThat(statusCodes(results)).containsExactly("ENTITY_IS_DELETED", "MALFORMED_ID", "INVALID_FIELD",
                    "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_TYPE_ON_FIELD_IN_RECORD", "UNABLE_TO_LOCK_ROW", "OK");
            assertThat(results.get(0).get("id").asText()).isEqualTo(deleted);
            assertThat(results.get(1).get("id").isNull()).isTrue();
            assertThat(results.get(2).get("errors").get(0).get("fields").get(0).asText()).isEqualTo("Bogus__c");
            assertThat(sim.writeLog()).extracting(SalesforceSimulator.WriteEvent::recordId).containsExactly(good);
        }
    }

    @Test
    void shouldRollBackTheWholeCallWhenAllOrNoneAndOneRecordFails() {
        try (SalesforceSimulator sim = small(20)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            Iterator<String> ids = sim.accountIds().iterator();
            String good = ids.next();
            String deleted = ids.next();
            sim.deleteAccount(deleted);

            JsonNode results = http.patch(http.token("aihub-demo", "demo-secret"), COMPOSITE,
                    "{\"allOrNone\":true,\"records\":[" + record(good, "\"Churn_Score__c\":0.5") + ","
                    + record(deleted, "\"Churn_Score__c\":0.5") + "]}").body();

            assertThat(statusCodes(results)).containsExactly("ALL_OR_NONE_OPERATION_ROLLED_BACK", "ENTITY_IS_DELETED");
            assertThat(sim.account(good).get("Churn_Score__c")).isNull();
            assertThat(sim.writeLog()).isEmpty();
        }
    }

    @Test
    void shouldRefuseMoreThan200RecordsInOneCall() {
        String token = sharedHttp.token("aihub-demo", "demo-secret");
        StringBuilder body = new StringBuilder("{\"allOrNone\":false,\"records\":[");
        for (int i = 0; i < 201; i++) {
            body.append(i == 0 ? "" : ",").append(record(SalesforceIds.of("001", "5g0", i + 1), "\"NPS__c\":1"));
        }

        assertError(sharedHttp.patch(token, COMPOSITE, body.append("]}").toString()), 400, "EXCEEDED_ID_LIMIT");
        assertThat(shared.writeLog()).isEmpty();
    }

    @Test
    void shouldStampHumanEditsStrictlyLaterThanEverythingBefore() {
        try (SalesforceSimulator sim = small(70)) {
            List<String> edited = sim.modifyAccounts(10, 3L);

            assertThat(new HashSet<>(edited)).hasSize(10);
            String previous = lastSeededStamp(70);
            for (String id : edited) {
                String stamp = (String) sim.account(id).get("SystemModstamp");
                assertThat(stamp).isGreaterThan(previous);
                assertThat(sim.account(id)).containsEntry("LastModifiedById", SalesforceSimulator.HUMAN_USER_ID)
                        .containsEntry("LastModifiedDate", stamp);
                previous = stamp;
            }
        }
    }

    @Test
    void shouldKeepDeletedAccountsInTheRecycleBinVisibleOnlyToQueryAll() {
        try (SalesforceSimulator sim = small(30)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String token = http.token("aihub-demo", "demo-secret");
            String deleted = sim.accountIds().iterator().next();

            sim.deleteAccount(deleted);

            String soql = "SELECT Id, IsDeleted, SystemModstamp FROM Account ORDER BY SystemModstamp, Id";
            JsonNode live = http.query(token, soql, null).body();
            JsonNode all = http.get(token, "/services/data/v62.0/queryAll?q=" + SalesforceHttp.encode(soql)).body();
            JsonNode onlyDeleted = http.get(token, "/services/data/v62.0/queryAll?q=" + SalesforceHttp.encode(
                    "SELECT Id FROM Account WHERE IsDeleted = true")).body();

            assertThat(idsOf(live, null)).hasSize(29).doesNotContain(deleted);
            assertThat(live.get("records").get(0).get("IsDeleted").asBoolean()).isFalse();
            assertThat(idsOf(all, null)).hasSize(30).doesNotHaveDuplicates().endsWith(deleted);
            JsonNode last = all.get("records").get(29);
            assertThat(last.get("IsDeleted").isBoolean()).isTrue();
            assertThat(last.get("IsDeleted").asBoolean()).isTrue();
            assertThat(last.get("SystemModstamp").asText()).isGreaterThan(lastSeededStamp(30));
            assertThat(idsOf(onlyDeleted, null)).containsExactly(deleted);
            assertThat(sim.accountIds()).hasSize(29).doesNotContain(deleted);
            assertThat(sim.deletedAccountIds()).containsExactly(deleted);
            assertThat(sim.account(deleted)).containsEntry("IsDeleted", true)
                    .containsEntry("LastModifiedById", SalesforceSimulator.HUMAN_USER_ID);
        }
    }

    @Test
    void shouldInsertNewAccountsSharingOneStampAfterEverythingBefore() {
        try (SalesforceSimulator sim = small(20)) {
            Set<String> before = sim.accountIds();
            List<String> edited = sim.modifyAccounts(1, 1L);

            List<String> inserted = sim.insertAccounts(15, 9L);

            assertThat(new HashSet<>(inserted)).hasSize(15).doesNotContainAnyElementsOf(before);
            assertThat(inserted).allMatch(id -> id.startsWith("001"));
            assertThat(sim.accountIds()).hasSize(35).containsAll(inserted).containsAll(before);
            Set<Object> stamps = new HashSet<>();
            inserted.forEach(id -> stamps.add(sim.account(id).get("SystemModstamp")));
            assertThat(stamps).singleElement().satisfies(stamp -> assertThat((String) stamp)
                    .isGreaterThan((String) sim.account(edited.get(0)).get("SystemModstamp")));
            assertThat(sim.account(inserted.get(0))).containsEntry("IsDeleted", false)
                    .containsEntry("LastModifiedById", SalesforceSimulator.HUMAN_USER_ID)
                    .containsEntry("CreatedDate", stamps.iterator().next());
            assertThat(sim.insertAccounts(1, 9L)).doesNotContainAnyElementsOf(inserted);
        }
    }

    @Test
    void shouldCountCallsReportUsageAndRefuseCallsPastTheDailyLimit() {
        try (SalesforceSimulator sim = SalesforceSimulator.builder().accounts(5).dailyApiLimit(2).build()) {
            sim.start();
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String token = http.token("aihub-demo", "demo-secret");

            assertThat(http.query(token, "SELECT Id FROM Account", null).limitInfo()).isEqualTo("api-usage=1/2");
            assertThat(http.query(token, "SELECT Id FROM Account", null).limitInfo()).isEqualTo("api-usage=2/2");
            SalesforceHttp.Reply refused = http.query(token, "SELECT Id FROM Account", null);

            assertError(refused, 403, "REQUEST_LIMIT_EXCEEDED");
            assertThat(refused.body().get(0).get("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
            assertThat(refused.limitInfo()).isEqualTo("api-usage=2/2");
            assertThat(sim.apiCallCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldAnswerNotFoundForUnknownPathsAndUnsupportedVersions() {
        String token = sharedHttp.token("aihub-demo", "demo-secret");

        assertError(sharedHttp.get(token, "/services/data/v62.0/nothing"), 404, "NOT_FOUND");
        assertError(sharedHttp.get(token, "/services/data/v63.0/query?q=SELECT+Id+FROM+Account"), 404, "NOT_FOUND");
        assertError(sharedHttp.get(token, "/elsewhere"), 404, "NOT_FOUND");
        assertThat(sharedHttp.get(token, "/services/data/v50.0/query?q=SELECT+Id+FROM+Account+LIMIT+1").status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseRequestBodiesOverEightMebibytes() {
        byte[] big = new byte[SalesforceJson.MAX_BODY_BYTES + 1];
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray(big));

        SalesforceHttp.Reply reply = sharedHttp.patch(sharedHttp.token("aihub-demo", "demo-secret"), COMPOSITE,
                chunked);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.limitInfo()).startsWith("api-usage=");
    }

    @Test
    void shouldFailInjectedRequestsThenRecover() {
        try (SalesforceSimulator sim = small(5)) {
            SalesforceHttp http = new SalesforceHttp(sim.baseUrl());
            String token = http.token("aihub-demo", "demo-secret");
            sim.failNextRequests(2, 503);

            assertError(http.query(token, "SELECT Id FROM Account", null), 503, "SERVER_UNAVAILABLE");
            assertError(http.query(token, "SELECT Id FROM Account", null), 503, "SERVER_UNAVAILABLE");
            assertThat(http.query(token, "SELECT Id FROM Account", null).status()).isEqualTo(200);
        }
    }

    private static String lastSeededStamp(int accounts) {
        return new AccountGenerator(42L).generate(accounts).stream()
                .map(a -> (String) a.fields().get("SystemModstamp")).max(String::compareTo).orElseThrow();
    }

    private static List<String> idsOf(JsonNode page, List<String> expectedKeys) {
        List<String> ids = new ArrayList<>();
        for (JsonNode record : page.get("records")) {
            if (expectedKeys != null) {
                List<String> keys = new ArrayList<>();
                record.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).containsExactlyElementsOf(expectedKeys);
            }
            ids.add(record.get("Id").asText());
        }
        return ids;
    }

    private static String record(String id, String fields) {
        return "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + id + "\"," + fields + "}";
    }

    private static List<String> statusCodes(JsonNode results) {
        List<String> codes = new ArrayList<>();
        for (JsonNode result : results) {
            codes.add(result.get("success").asBoolean() ? "OK"
                    : result.get("errors").get(0).get("statusCode").asText());
        }
        return codes;
    }

    private static void assertError(SalesforceHttp.Reply reply, int status, String errorCode) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body().get(0).get("errorCode").asText()).isEqualTo(errorCode);
        assertThat(reply.limitInfo()).startsWith("api-usage=");
    }
}
