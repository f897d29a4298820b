package dev.vigil.support.openapi;

import dev.vigil.model.messaging.Workspaces;
import dev.vigil.support.auth.AccessRules;
import dev.vigil.support.auth.AuthHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * A service's OpenAPI document as the public API shows it (set as {@code mp.openapi.filter} in each
 * service): the internal headers the services set themselves from the path prefix and the key
 * ({@link Workspaces#HEADER}, {@link AuthHeaders#ACCOUNT}, {@link AuthHeaders#ROLE}) are no client
 * parameters, Quarkus' own {@code /q/} endpoints are left out, and every operation needs the bearer API
 * key ({@link #SECURITY_SCHEME}) except the ones {@link AccessRules} leaves open.
 */
public class PublicApiFilter implements OASFilter {

    /** The name of the API key's security scheme in {@code components.securitySchemes}. */
    public static final String SECURITY_SCHEME = "api_key";
    private static final Set<String> INTERNAL_HEADERS = Set.of(Workspaces.HEADER, AuthHeaders.ACCOUNT, AuthHeaders.ROLE)
            .stream().map(header -> header.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    private static final String QUARKUS_PATHS = "/q/";

    @Override
    public Parameter filterParameter(Parameter parameter) {
        return isInternal(parameter) ? null : parameter;
    }

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        // Parameters shared by a path's operations are not passed to filterParameter by every
        // implementation; drop internal ones here too.
        if (pathItem.getParameters() != null) {
            pathItem.setParameters(pathItem.getParameters().stream().filter(p -> !isInternal(p)).toList());
        }
        return pathItem;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (String path : List.copyOf(openAPI.getPaths().getPathItems().keySet())) {
                if (path.startsWith(QUARKUS_PATHS)) {
                    openAPI.getPaths().removePathItem(path);
                } else {
                    markOpenOperations(path, openAPI.getPaths().getPathItem(path));
                }
            }
        }
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("A Vigil API key (vgl_...), sent as 'Authorization: Bearer <key>' "
                        + "(Prefect's PREFECT_API_KEY)."));
        openAPI.setComponents(components);
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
    }

    /** Operations anyone may call get an empty security requirement, overriding the document's key. */
    private static void markOpenOperations(String path, PathItem item) {
        Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
        if (operations == null) {
            return;
        }
        String concrete = path.replaceAll("\\{[^/}]+}", "x");
        operations.forEach((method, operation) -> {
            if (AccessRules.isOpen(method.name(), concrete)) {
                operation.setSecurity(List.of());
            }
        });
    }

    private static boolean isInternal(Parameter parameter) {
        return parameter != null && parameter.getIn() == Parameter.In.HEADER && parameter.getName() != null
                && INTERNAL_HEADERS.contains(parameter.getName().toLowerCase(Locale.ROOT));
    }
}
