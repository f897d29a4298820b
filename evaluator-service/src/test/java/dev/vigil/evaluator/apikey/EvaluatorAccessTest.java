package dev.vigil.evaluator.apikey;

import static dev.vigil.testsupport.auth.AccessMatrix.ADMIN;
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

/** Every evaluator endpoint against every role, anonymous and another workspace's key. */
@QuarkusTest
class EvaluatorAccessTest {

    @Inject
    ApiKeyStore store;

    @TestFactory
    Stream<DynamicTest> eachCallNeedsItsRole() {
        String id = UUID.randomUUID().toString();
        String automations = "/api/automations";
        List<AccessMatrix.Call> calls = List.of(
                call("POST", automations + "/", "{}", WRITE),
                call("POST", automations + "/filter", "{}", READ),
                call("POST", automations + "/count", "{}", READ),
                call("GET", automations + "/" + id, null, READ),
                call("GET", automations + "/" + id + "/state", null, READ),
                call("POST", automations + "/" + id + "/explain", "{}", READ),
                call("PUT", automations + "/" + id, "{}", WRITE),
                call("PATCH", automations + "/" + id, "{}", WRITE),
                call("DELETE", automations + "/" + id, null, WRITE),
                call("GET", automations + "/related-to/my.resource", null, READ),
                call("DELETE", automations + "/owned-by/my.resource", null, WRITE),
                call("PUT", automations + "/apply", "{}", WRITE),
                call("POST", automations + "/backtest", "{}", READ),
                call("POST", automations + "/templates/validate", "{}", READ),
                call("POST", "/api/templates/validate", "{}", READ),
                call("GET", "/api/hello", null, READ),
                call("GET", "/api/admin/version", null, READ),
                call("GET", "/api/version", null, READ),
                call("GET", "/api/api_keys", null, ADMIN),
                call("POST", "/api/api_keys", "{}", ADMIN),
                call("DELETE", "/api/api_keys/" + id, null, ADMIN));
        return AccessMatrix.tests(calls, MatrixKeys.create(store));
    }

}
