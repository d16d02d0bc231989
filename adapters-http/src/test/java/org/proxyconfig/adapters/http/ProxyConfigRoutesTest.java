package org.proxyconfig.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.Revision;

/**
 * The API in memory: bodies, statuses and the BifrostError shape (docs/openapi.yaml). What needs
 * raw bytes on a socket is in {@link ApiSocketTest}.
 */
@RoutingTest
class ProxyConfigRoutesTest extends ApiRouteTest {

    static final String PATH = "/api/proxy-config";
    private static final String SECRET = "Pa55-unique-7f3a9c";
    static final String VALID = """
            {"enabled":true,"type":"http","url":"http://proxy.corp.example:3128","username":"gw",
             "password":"%s","no_proxy":" .Internal.Example , ,10.0.0.0/8","timeout":20,
             "skip_tls_verify":false,"enable_for_scim":true,"enable_for_inference":true,"enable_for_api":false}
            """.formatted(SECRET);

    ProxyConfigRoutesTest(DirectClient client) {
        super(client);
    }

    @Test
    void getReturnsTheDefaultsWhenNothingWasStored() {
        Reply response = get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("""
                {"enabled":false,"type":"http","url":"","username":"","password":"","no_proxy":"",\
                "timeout":0,"skip_tls_verify":false,"enable_for_scim":false,"enable_for_inference":false,\
                "enable_for_api":false,"ca_cert_pem":"","fallback_urls":[],"fallback_cooldown":60}""");
    }

    @Test
    void putStoresTheConfigurationAndGetShowsItRedacted() {
        Reply put = put(PATH, VALID);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"status\":\"success\",\"message\":\"proxy configuration updated successfully\"}");
        JsonObject got = json(get(PATH).body());
        assertThat(got.getBoolean("enabled")).isTrue();
        assertThat(got.getString("url")).isEqualTo("http://proxy.corp.example:3128");
        assertThat(got.getString("username")).isEqualTo("gw");
        assertThat(got.getString("password")).isEqualTo("<redacted>");
        assertThat(got.getString("no_proxy")).isEqualTo(".internal.example,10.0.0.0/8");
        assertThat(got.getInt("timeout")).isEqualTo(20);
        assertThat(got.getBoolean("enable_for_scim")).isTrue();
        assertThat(API.store().read(log -> log.latest()).orElseThrow().config().password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void redactedPasswordKeepsTheStoredOneAndAnOmittedPasswordClearsIt() {
        put(PATH, VALID);

        assertThat(put(PATH, VALID.replace(SECRET, "<redacted>")).statusCode()).isEqualTo(200);
        assertThat(storedPassword()).isEqualTo(SECRET);

        assertThat(put(PATH, "{\"enabled\":false,\"username\":\"gw\"}").statusCode()).isEqualTo(200);
        assertThat(storedPassword()).isEmpty();
        assertThat(json(get(PATH).body()).getString("password")).isEmpty();
    }

    @Test
    void nullFieldsCountAsOmittedAndUnknownFieldsAreIgnored() {
        Reply put = put(PATH, """
                {"enabled":null,"type":null,"url":"10.1.2.3:3128","timeout":null,
                 "dashboard_theme":{"dark":[1,2,{"x":null}]},"extra":"x"}""");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonObject got = json(get(PATH).body());
        assertThat(got.getBoolean("enabled")).isFalse();
        assertThat(got.getString("type")).isEqualTo("http");
        assertThat(got.getInt("timeout")).isZero();
        assertThat(got).doesNotContainKey("dashboard_theme");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"enabled":"yes"}                   | enabled         | invalid_field_type
            {"timeout":"30"}                    | timeout         | invalid_field_type
            {"timeout":1.5}                     | timeout         | invalid_field_type
            {"timeout":99999999999999999999999} | timeout         | invalid_timeout
            {"type":1}                          | type            | invalid_field_type
            {"url":["http://a:1"]}              | url             | invalid_field_type
            {"password":{}}                     | password        | invalid_field_type
            {"skip_tls_verify":0}               | skip_tls_verify | invalid_field_type
            {"no_proxy":true}                   | no_proxy        | invalid_field_type
            {"url":"a:1","url":"b:2"}           | url             | duplicate_key
            {"type":"ftp"}                      | type            | invalid_proxy_type
            {"url":"ftp://proxy:21"}            | url             | invalid_proxy_url
            {"enabled":true}                    | url             | url_required
            {"timeout":3601}                    | timeout         | invalid_timeout
            {"password":"p"}                    | username        | username_required
            {"no_proxy":"exa mple.com"}         | no_proxy        | invalid_no_proxy
            """)
    void refusesAnInvalidFieldNamingIt(String body, String field, String code) {
        Reply response = put(PATH, body);

        JsonObject error = assertBifrostError(response, 400);
        assertThat(error.getString("param")).isEqualTo(field);
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message")).startsWith(field + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "1", "null", "{", "{\"a\":1} {}", "{\"a\":1}x", "nonsense", "",
            "{\"timeout\":1e99999999999}", "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]}"})
    void refusesABodyThatIsNotOneJsonObject(String body) {
        JsonObject error = assertBifrostError(put(PATH, body), 400);
        assertThat(error.getString("code")).isEqualTo("invalid_json");
    }

    @Test
    void aNumberTooLongForTheParserIs400NotA500() {
        JsonObject error = assertBifrostError(put(PATH, "{\"timeout\":" + "9".repeat(5000) + "}"), 400);
        assertThat(error.getString("code")).isEqualTo("invalid_json");
    }

    @Test
    void aRefusedUpdateLeavesTheStoredConfigurationByteForByteUnchanged() {
        put(PATH, VALID);
        String before = get(PATH).body();
        Revision revisionBefore = API.store().read(log -> log.latest()).orElseThrow();

        assertThat(put(PATH, VALID.replace("\"timeout\":20", "\"timeout\":-1")).statusCode()).isEqualTo(400);
        assertThat(put(PATH, VALID.replace("\"type\":\"http\"", "\"type\":\"gopher\"")).statusCode()).isEqualTo(400);

        assertThat(get(PATH).body()).isEqualTo(before);
        assertThat(API.store().read(log -> log.latest()).orElseThrow()).isEqualTo(revisionBefore);
    }

    @Test
    void aDryRunPutAnswersWhatWouldBeStoredRedactedAndStoresNothing() {
        put(PATH, VALID);
        Revision before = API.store().read(log -> log.latest()).orElseThrow();

        Reply dryRun = put(PATH + "?dry_run=true",
                VALID.replace(SECRET, "<redacted>").replace("\"timeout\":20", "\"timeout\":45"));

        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.header("ETag")).as("no revision was taken").isEmpty();
        JsonObject wouldStore = json(dryRun.body());
        assertThat(wouldStore.getInt("timeout")).isEqualTo(45);
        assertThat(wouldStore.getString("no_proxy")).as("normalized as a PUT would").isEqualTo(".internal.example,10.0.0.0/8");
        assertThat(wouldStore.getString("password")).isEqualTo("<redacted>");
        assertThat(dryRun.body()).doesNotContain(SECRET);
        assertThat(API.store().read(RevisionLog::latest)).contains(before);
    }

    @Test
    void aDryRunPutRefusesWithTheSame400AsARealOne() {
        String bad = VALID.replace("\"timeout\":20", "\"timeout\":3601");

        Reply dryRun = put(PATH + "?dry_run=true", bad);
        Reply real = put(PATH, bad);

        assertThat(dryRun.statusCode()).isEqualTo(400);
        assertThat(json(dryRun.body()).getJsonObject("error")).isEqualTo(json(real.body()).getJsonObject("error"));
        assertThat(assertBifrostError(dryRun, 400).getString("param")).isEqualTo("timeout");
        assertThat(API.store().read(RevisionLog::latestNumber)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "TRUE", ""})
    void aDryRunFlagThatIsNotTrueOrFalseIsRefused(String flag) {
        JsonObject error = assertBifrostError(put(PATH + "?dry_run=" + flag, VALID), 400);

        assertThat(error.getString("param")).isEqualTo("dry_run");
        assertThat(API.store().read(RevisionLog::latestNumber)).isZero();
    }

    @Test
    void theSchemaListsEveryFieldWithItsTypeDefaultAndSecrecy() {
        Reply response = get(PATH + "/schema");

        assertThat(response.statusCode()).isEqualTo(200);
        var fields = json(response.body()).getJsonArray("fields").getValuesAs(JsonObject.class);
        assertThat(fields).extracting(f -> f.getString("name")).containsExactly("enabled", "type", "url", "username",
                "password", "no_proxy", "timeout", "skip_tls_verify", "enable_for_scim", "enable_for_inference",
                "enable_for_api", "ca_cert_pem", "fallback_urls", "fallback_cooldown");
        assertThat(fields.get(6).toString()).isEqualTo("{\"name\":\"timeout\",\"type\":\"integer\",\"secret\":false,\"default\":0}");
        assertThat(fields.get(12).toString()).isEqualTo("{\"name\":\"fallback_urls\",\"type\":\"array\",\"secret\":false,\"default\":[]}");
        assertThat(fields.get(4).toString()).isEqualTo("{\"name\":\"password\",\"type\":\"string\",\"secret\":true,\"default\":\"\"}");
        assertThat(fields.get(0).getBoolean("default")).isFalse();
        assertThat(fields.get(1).getString("default")).isEqualTo("http");
    }

    @Test
    void unknownRouteIs404WithABifrostError() {
        JsonObject error = assertBifrostError(get("/api/nothing-here"), 404);
        assertThat(error.getString("code")).isEqualTo("not_found");
    }

    @Test
    void unsupportedMethodIs405WithAllowHeader() {
        Reply response = send(request(Method.DELETE, PATH).header(AUTHORIZATION, TestApi.ADMIN_BEARER));

        assertBifrostError(response, 405);
        assertThat(response.header("Allow")).hasValue("GET, PUT");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() {
        String big = "{\"no_proxy\":\"" + "a".repeat(JsonBodies.MAX_BODY_BYTES) + "\"}";
        assertBifrostError(put(PATH, big), 413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1"})
    void aBodyThatIsNotJsonIs415(String contentType) {
        Reply response = send(request(Method.PUT, PATH)
                .header(AUTHORIZATION, TestApi.ADMIN_BEARER)
                .header(CONTENT_TYPE, contentType), VALID);

        assertBifrostError(response, 415);
        assertThat(get(PATH).body()).contains("\"enabled\":false");
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternalsAndItsEventIdIsLogged() {
        API.replaceGet(() -> {
            throw new IllegalStateException("internal detail jdbc:h2:/secret/path");
        });
        try (LogCapture logs = new LogCapture()) {
            Reply response = get(PATH);

            JsonObject error = assertBifrostError(response, 500);
            assertThat(response.body()).doesNotContain("internal detail", "IllegalStateException", "jdbc");
            String eventId = json(response.body()).getString("event_id");
            assertThat(logs.text()).contains("event_id=" + eventId).contains("internal detail");
            assertThat(error.getString("message")).contains(eventId);
        }
    }

    @Test
    void aStoreThatHoldsWhatThisInstanceCannotUseIs500NotARetryLater503() {
        API.replaceGet(() -> {
            throw new org.proxyconfig.application.StoreFaultException("revision 3 in the database is not a valid"
                    + " configuration: restore an earlier revision", null);
        });
        try (LogCapture logs = new LogCapture()) {
            Reply response = get(PATH);

            JsonObject error = assertBifrostError(response, 500);
            assertThat(error.getString("code")).isEqualTo("store_fault");
            assertThat(error.getString("message")).contains("a retry will not help");
            assertThat(error.getString("type")).isEqualTo("server_error");
            assertThat(response.body()).doesNotContain("revision 3");
            String eventId = json(response.body()).getString("event_id");
            assertThat(logs.text()).contains("event_id=" + eventId).contains("restore an earlier revision");
        }
    }

    @Test
    void aStoreThatIsDownIs503() {
        API.store().breakDown();

        JsonObject error = assertBifrostError(get(PATH), 503);
        assertThat(error.getString("code")).isEqualTo("service_unavailable");
        // Health stays 200, saying why it is degraded: instances route outbound traffic from memory.
        Reply health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).getString("status")).isEqualTo("degraded");
        assertThat(json(health.body()).getString("reason")).contains("cannot be reached");
    }

    @Test
    void everyRejectionIsLoggedWithTheEventIdOfItsBody() {
        try (LogCapture logs = new LogCapture()) {
            Reply response = put(PATH, "{\"timeout\":\"30\"}");

            String eventId = json(response.body()).getString("event_id");
            assertThat(logs.text()).contains("event_id=" + eventId);
        }
    }

    @Test
    void thePasswordAppearsInNoResponseAndNoLogLine() {
        try (LogCapture logs = new LogCapture()) {
            StringBuilder responses = new StringBuilder();
            responses.append(put(PATH, VALID).body());
            responses.append(get(PATH).body());
            responses.append(put(PATH, VALID.replace("\"username\":\"gw\"", "\"username\":\"\"")).body());
            responses.append(put(PATH, VALID.replace("proxy.corp.example", "other.example")
                    .replace(SECRET, "<redacted>")).body());
            responses.append(put(PATH, VALID.replace(SECRET, SECRET + "\\n")).body());
            responses.append(put(PATH, VALID.replace("\"timeout\":20", "\"timeout\":20,\"timeout\":21")).body());
            responses.append(get(PATH).body());

            assertThat(responses.toString()).doesNotContain(SECRET);
            assertThat(logs.text()).doesNotContain(SECRET);
            assertThat(responses.toString()).contains("\"status_code\":400"); // the failures did happen
        }
    }

    @Test
    void healthAndOpenApiAnswer() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        Reply openapi = get("/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void fallbackUrlsAreAnOrderedListWithACooldown() {
        Reply put = put(PATH, """
                {"enabled": true, "url": "http://a.corp:3128", "enable_for_api": true,
                 "fallback_urls": ["http://b.corp:3128", "https://c.corp:8443"], "fallback_cooldown": 15}""");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(API.store().read(RevisionLog::latest).orElseThrow().config().fallbackUrls())
                .containsExactly("http://b.corp:3128", "https://c.corp:8443");
        JsonObject got = json(get(PATH).body());
        assertThat(got.getJsonArray("fallback_urls").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("http://b.corp:3128", "https://c.corp:8443");
        assertThat(got.getInt("fallback_cooldown")).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # fallback_urls, fallback_cooldown as sent           | param             | reason
            "fallback_urls": "http://b.corp:3128"                | fallback_urls     | must be an array of strings
            "fallback_urls": ["http://b.corp:3128", 7]           | fallback_urls[1]  | must be a string
            "fallback_urls": ["socks5://b.corp:1080"]            | fallback_urls[0]  | socks5
            "fallback_urls": ["http://a.corp:3128"]              | fallback_urls[0]  | is the same proxy as url
            "fallback_cooldown": 0                               | fallback_cooldown | must be from 1 to 86400 seconds
            """)
    void aBadFallbackIsRefusedNamingTheEntryAndNothingIsStored(String member, String param, String reason) {
        Reply put = put(PATH, "{\"enabled\": true, \"url\": \"http://a.corp:3128\", " + member + "}");

        JsonObject error = assertBifrostError(put, 400);
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.getString("message")).contains(reason);
        assertThat(API.store().read(RevisionLog::latest)).as("nothing stored").isEmpty();
    }

    private String storedPassword() {
        return API.store().read(log -> log.latest()).orElseThrow().config().password().reveal();
    }

    /** Checks the BifrostError shape (docs/openapi.yaml, Error) and returns the nested {@code error} object. */
    private static JsonObject assertBifrostError(Reply response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValue("application/json");
        JsonObject body = json(response.body());
        assertThat(UUID.fromString(body.getString("event_id"))).isNotNull();
        assertThat(body.getBoolean("is_bifrost_error")).isFalse();
        assertThat(body.getInt("status_code")).isEqualTo(status);
        JsonObject error = body.getJsonObject("error");
        assertThat(error.getString("type")).isNotBlank();
        assertThat(error.getString("code")).isNotBlank();
        assertThat(error.getString("message")).isNotBlank();
        return error;
    }
}
