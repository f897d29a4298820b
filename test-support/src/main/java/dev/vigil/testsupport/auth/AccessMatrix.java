package dev.vigil.testsupport.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * A table-driven check of who may make each call: anonymous (401), each role (403 when the role does
 * not allow it, else anything but 401 and the role's 403), a key of another workspace on the call's path (404), and
 * the default workspace's admin key under the other workspace's prefix (404). Each refusal must carry a
 * JSON {@code detail}. The grants are written out here again on purpose, so a mistake in the services'
 * rule table shows.
 */
public final class AccessMatrix {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String EVENTS = "events";
    public static final String ADMIN = "admin";

    private static final Map<String, Set<String>> GRANTS = Map.of(
            READ, Set.of(READ),
            EVENTS, Set.of(EVENTS),
            WRITE, Set.of(READ, WRITE, EVENTS),
            ADMIN, Set.of(READ, WRITE, EVENTS, ADMIN));
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    /** The start of the auth filter's 403 detail. */
    private static final String ROLE_REFUSAL = "Forbidden: a key with role";

    /** One call: method, path without a workspace prefix, JSON body (or null) and what it needs. */
    public record Call(String method, String path, String body, String needs) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * @param keysByRole       a key of the default workspace for each of read, write, events, admin
     * @param otherKey         an admin key of another workspace
     * @param otherPrefix      that workspace's Cloud prefix, {@code /api/accounts/<a>/workspaces/<w>}
     */
    public record Keys(Map<String, String> keysByRole, String otherKey, String otherPrefix) {
    }

    private AccessMatrix() {
    }

    public static Call call(String method, String path, String body, String needs) {
        return new Call(method, path, body, needs);
    }

    public static Stream<DynamicTest> tests(List<Call> calls, Keys keys) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls) {
            tests.add(DynamicTest.dynamicTest(call + " anonymous -> 401", () -> {
                Response response = send(TestApiKeys.anonymous(), call, call.path());
                expectRefusal(response, UNAUTHORIZED, call + " without a key");
            }));
            keys.keysByRole().forEach((role, key) -> tests.add(DynamicTest.dynamicTest(call + " as " + role, () -> {
                Response response = send(withKey(key), call, call.path());
                if (GRANTS.get(role).contains(call.needs())) {
                    // The call itself may answer 403 (an invalid page token is), but not for the role.
                    assertThat(response.statusCode()).as("%s as %s: %s", call, role, response.asString())
                            .isNotEqualTo(UNAUTHORIZED);
                    assertThat(response.asString()).as("%s as %s", call, role).doesNotContain(ROLE_REFUSAL);
                } else {
                    expectRefusal(response, FORBIDDEN, call + " as " + role);
                }
            })));
            tests.add(DynamicTest.dynamicTest(call + " with another workspace's key -> 404", () -> {
                Response response = send(withKey(keys.otherKey()), call, call.path());
                expectRefusal(response, NOT_FOUND, call + " with another workspace's key");
            }));
            tests.add(DynamicTest.dynamicTest(call + " under another workspace's prefix -> 404", () -> {
                String prefixed = keys.otherPrefix() + call.path().substring("/api".length());
                Response response = send(withKey(keys.keysByRole().get(ADMIN)), call, prefixed);
                expectRefusal(response, NOT_FOUND, call + " under another workspace's prefix");
            }));
        }
        return tests.stream();
    }

    private static RequestSpecification withKey(String key) {
        return TestApiKeys.anonymous().header("Authorization", TestApiKeys.bearer(key));
    }

    private static Response send(RequestSpecification request, Call call, String path) {
        if (call.body() != null) {
            request = request.contentType("application/json").body(call.body());
        }
        return request.request(call.method(), path);
    }

    private static void expectRefusal(Response response, int status, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as("%s: content type", what).startsWith("application/json");
        assertThat(response.jsonPath().getString("detail")).as("%s: detail", what).isNotBlank();
    }
}
