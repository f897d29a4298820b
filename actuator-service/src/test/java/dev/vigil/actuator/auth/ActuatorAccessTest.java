package dev.vigil.actuator.auth;

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

/** Every actuator endpoint against every role, anonymous and another workspace's key. */
@QuarkusTest
class ActuatorAccessTest {

    @Inject
    ApiKeyStore store;

    @TestFactory
    Stream<DynamicTest> eachCallNeedsItsRole() {
        String id = UUID.randomUUID().toString();
        List<AccessMatrix.Call> calls = List.of(
                call("POST", "/api/block_documents/", "{}", WRITE),
                call("GET", "/api/block_documents/" + id, null, READ),
                call("PATCH", "/api/block_documents/" + id, "{}", WRITE),
                call("POST", "/api/block_documents/filter", "{}", READ),
                call("DELETE", "/api/block_documents/" + id, null, WRITE),
                call("GET", "/api/block_types/", null, READ),
                call("POST", "/api/block_types/filter", "{}", READ),
                call("GET", "/api/block_types/slug/webhook", null, READ),
                call("GET", "/api/block_types/slug/webhook/block_documents/name/x", null, READ),
                call("GET", "/api/block_types/" + id, null, READ),
                call("POST", "/api/block_types/", "{}", WRITE),
                call("PATCH", "/api/block_types/" + id, "{}", WRITE),
                call("DELETE", "/api/block_types/" + id, null, WRITE),
                call("POST", "/api/block_schemas/filter", "{}", READ),
                call("GET", "/api/block_schemas/" + id, null, READ),
                call("GET", "/api/block_schemas/checksum/sha256:00", null, READ),
                call("POST", "/api/block_schemas/", "{}", WRITE),
                call("DELETE", "/api/block_schemas/" + id, null, WRITE),
                call("GET", "/api/actions/executions", null, READ),
                call("GET", "/api/actions/executions/" + id, null, READ),
                call("POST", "/api/actions/executions/" + id + "/redeliver", null, WRITE),
                call("GET", "/api/incidents", null, READ),
                call("GET", "/api/incidents/" + id, null, READ),
                call("PATCH", "/api/incidents/" + id, "{}", WRITE),
                call("GET", "/q/metrics", null, READ));
        return AccessMatrix.tests(calls, MatrixKeys.create(store));
    }

}
