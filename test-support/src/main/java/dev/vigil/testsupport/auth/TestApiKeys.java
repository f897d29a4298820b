package dev.vigil.testsupport.auth;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The API keys of the services' {@code %test} profile (vigil.auth.bootstrap-admin-key and
 * vigil.auth.service-key in each application.properties), and RestAssured's default key: every request a
 * test sends through RestAssured carries one ({@link #forPath}) unless it sets an {@code Authorization}
 * header of its own ({@link DefaultApiKeyExtension} installs {@link DefaultApiKeyFilter} for every test
 * class).
 */
public final class TestApiKeys {

    /** Admin of the default workspace. Test-only: never configured outside the %test profile. */
    public static final String ADMIN = "vgl_VSD9oE_Hvy4eFRgxRZspiNFDrplC6R6hQcZrLNMBdfkhbj4-A";
    /** The services' own key (role write, any workspace). */
    public static final String SERVICE = "vgl_adLrdkZCslC_S2M5lRGRfSehjzxwZGgyvtG5vOnibsIE5zamg";

    private TestApiKeys() {
    }

    /** {@code Bearer <key>}. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }

    /**
     * The key a test sends by default to a path: the services' key (any workspace) under a Prefect Cloud
     * prefix, else the default workspace's admin key.
     */
    public static String forPath(String pathOrUri) {
        return pathOrUri.contains("/api/accounts/") ? SERVICE : ADMIN;
    }

    /** A RestAssured request without the default key (to test anonymous calls). */
    public static RequestSpecification anonymous() {
        return RestAssured.given().noFiltersOfType(DefaultApiKeyFilter.class);
    }

    /** Adds the default-key filter to RestAssured's defaults, once (in the class loader this class is in). */
    public static synchronized void installRestAssuredDefault() {
        boolean installed = RestAssured.filters().stream().anyMatch(DefaultApiKeyFilter.class::isInstance);
        if (!installed) {
            RestAssured.filters(new DefaultApiKeyFilter());
        }
    }
}
