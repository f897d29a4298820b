package dev.vigil.testsupport.auth;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Sends a test key with a request that has no {@code Authorization} header of its own: the admin key of
 * the default workspace, or under a Prefect Cloud prefix ({@code /api/accounts/…/workspaces/…}) the
 * services' key, which may act in any workspace, so tests of other workspaces need no keys of their own.
 * Nothing to {@code /hooks/…}: webhook callers have no Vigil key, and the webhook tests look at the
 * headers they send.
 */
public final class DefaultApiKeyFilter implements Filter {

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        String uri = request.getURI();
        if (!request.getHeaders().hasHeaderWithName("Authorization") && !uri.contains("/hooks/")) {
            request.header("Authorization", TestApiKeys.bearer(TestApiKeys.forPath(uri)));
        }
        return context.next(request, response);
    }
}
