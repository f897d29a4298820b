package dev.vigil.evaluator.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.ApiKeyAuthenticator;
import dev.vigil.support.auth.ApiKeyRecord;
import dev.vigil.support.auth.ApiKeyStore;
import dev.vigil.support.auth.ApiKeys;
import dev.vigil.support.auth.AuthHeaders;
import dev.vigil.support.error.ErrorBodies;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.PathIds;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.event.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The key API (role admin, see AccessRules): create (the key is in this answer only), list without
 * secrets, revoke. Keys belong to the workspace (and account) of the request's path. The keys are in the
 * database the three services share, so a key works in all of them; a revoked one stops within the
 * auth cache's TTL everywhere (at once in this replica). Creating and revoking publish Prefect Cloud's audit
 * events ({@link ApiKeyEvents}) in the key's workspace.
 */
@Path("/api/api_keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private static final int CREATED = 201;
    private static final int NOT_FOUND = 404;

    private final ApiKeyStore store;
    private final ApiKeyAuthenticator authenticator;
    private final EventPublisher events;

    public ApiKeyResource(ApiKeyStore store, ApiKeyAuthenticator authenticator, EventPublisher events) {
        this.events = events;
        this.store = store;
        this.authenticator = authenticator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@HeaderParam(Workspaces.HEADER) String ws, @HeaderParam(AuthHeaders.ACCOUNT) String acc,
            JsonNode body) {
        ApiKeyRequest request = ApiKeyRequest.parse(body);
        UUID workspace = Workspaces.parseOrDefault(ws);
        UUID account = accountOf(acc);
        if (request.workspaceId() != null || request.accountId() != null) {
            if (!Workspaces.DEFAULT.equals(workspace) || acc != null) {
                throw new ValidationProblemException(List.of(FieldProblem.body("Only the default workspace's admins"
                        + " may create keys for another workspace", "value_error", "workspace_id")));
            }
            workspace = request.workspaceId() == null ? Workspaces.DEFAULT : request.workspaceId();
            account = request.accountId() == null ? Workspaces.DEFAULT : request.accountId();
        }
        String key = ApiKeys.generate();
        return store.create(account, workspace, request.name(), request.role(), request.expires(), ApiKeys.hash(key))
                .call(created -> events.publish(created.workspaceId(), ApiKeyEvents.lifecycle("created", created)))
                .map(created -> Response.status(CREATED).entity(withKey(created, key)).build());
    }

    @GET
    public Uni<List<ApiKeyRecord>> list(@HeaderParam(Workspaces.HEADER) String ws,
            @HeaderParam(AuthHeaders.ACCOUNT) String acc) {
        return store.list(accountOf(acc), Workspaces.parseOrDefault(ws));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@HeaderParam(Workspaces.HEADER) String ws, @HeaderParam(AuthHeaders.ACCOUNT) String acc,
            @PathParam("id") String id) {
        UUID keyId = PathIds.parse("id", id);
        return store.revoke(accountOf(acc), Workspaces.parseOrDefault(ws), keyId).call(revoked -> {
            if (revoked == null) {
                return Uni.createFrom().voidItem();
            }
            authenticator.invalidateAll();
            return events.publish(revoked.workspaceId(), ApiKeyEvents.lifecycle("deleted", revoked));
        }).map(revoked -> revoked == null ? ErrorBodies.detail(NOT_FOUND, "API key not found")
                : Response.noContent().build());
    }

    /** Without a path prefix, the default workspace's account (the nil UUID, as its workspace). */
    private static UUID accountOf(String header) {
        UUID account = AuthHeaders.account(header);
        return account == null ? Workspaces.DEFAULT : account;
    }

    private static Map<String, Object> withKey(ApiKeyRecord record, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", record.id());
        body.put("name", record.name());
        body.put("role", record.role());
        body.put("created", record.created());
        body.put("expires", record.expires());
        body.put("key", key);
        return body;
    }
}
