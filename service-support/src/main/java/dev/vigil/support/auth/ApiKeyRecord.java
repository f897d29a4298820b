package dev.vigil.support.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored key as the key API shows it: never its secret, which only the creation answer carries. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiKeyRecord(UUID id, String name, String role, OffsetDateTime created, OffsetDateTime expires,
                           @JsonIgnore UUID accountId, @JsonIgnore UUID workspaceId) {
}
