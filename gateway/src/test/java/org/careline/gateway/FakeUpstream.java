package org.careline.gateway;

import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the fake upstream received, read over HTTP from its {@code /__recorded} endpoint. */
final class FakeUpstream {

    private FakeUpstream() {
    }

    /** Every request the fake upstream received whose URI contains the marker. */
    static List<Map<String, Object>> receivedWith(String marker) {
        String base = ConfigProvider.getConfig().getValue("careline.gateway.upstreams.messaging", String.class);
        JsonPath all = given().baseUri(base).get("/__recorded").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> requests = all.getList("$");
        return requests.stream().filter(r -> ((String) r.get("uri")).contains(marker)).toList();
    }

    /** The single request the fake upstream received whose URI contains the marker. */
    static Map<String, Object> onlyWith(String marker) {
        List<Map<String, Object>> found = receivedWith(marker);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one upstream request containing " + marker + ", got " + found.size());
        }
        return found.get(0);
    }

    /** The values of a header (lower-case name) of a recorded request; empty when it was not sent. */
    @SuppressWarnings("unchecked")
    static List<String> header(Map<String, Object> request, String name) {
        Map<String, List<String>> headers = (Map<String, List<String>>) request.get("headers");
        return headers.getOrDefault(name, List.of());
    }
}
