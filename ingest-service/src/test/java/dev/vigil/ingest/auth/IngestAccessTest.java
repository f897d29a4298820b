package dev.vigil.ingest.auth;

import static dev.vigil.testsupport.auth.AccessMatrix.EVENTS;
import static dev.vigil.testsupport.auth.AccessMatrix.READ;
import static dev.vigil.testsupport.auth.AccessMatrix.WRITE;
import static dev.vigil.testsupport.auth.AccessMatrix.call;

import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.testsupport.auth.AccessMatrix;
import dev.vigil.testsupport.auth.MatrixKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every ingest endpoint against every role, anonymous and another workspace's key. */
@QuarkusTest
class IngestAccessTest {

    @Inject
    ApiKeyStore store;

    @TestFactory
    Stream<DynamicTest> eachCallNeedsItsRole() {
        String id = UUID.randomUUID().toString();
        List<AccessMatrix.Call> calls = List.of(
                call("POST", "/api/events", "[]", EVENTS),
                call("POST", "/api/events/filter", "{}", READ),
                call("GET", "/api/events/filter/next?page-token=x", null, READ),
                call("POST", "/api/events/count-by/event", "{}", READ),
                call("POST", "/api/webhooks/", "{}", WRITE),
                call("GET", "/api/webhooks/", null, READ),
                call("GET", "/api/webhooks/" + id, null, READ),
                call("PUT", "/api/webhooks/" + id, "{}", WRITE),
                call("DELETE", "/api/webhooks/" + id, null, WRITE),
                call("POST", "/api/webhooks/" + id + "/rotate", null, WRITE),
                call("GET", "/api/webhooks/" + id + "/requests", null, READ),
                call("POST", "/api/webhooks/" + id + "/test", "{}", READ));
        return AccessMatrix.tests(calls, MatrixKeys.create(store));
    }

}
