package dev.vigil.actuator.block;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The block types Vigil can use. Read-only. */
@ApplicationScoped
public class BlockTypeCatalog {

    public static final String WEBHOOK = "webhook";

    private static final List<BlockType> TYPES = List.of(
            new BlockType(WEBHOOK, "Webhook", "Calls an HTTP endpoint.", List.of(
                    new BlockField("url", "Webhook URL", "string", true, true, null),
                    new BlockField("method", "Method", "string", false, false, "POST"),
                    new BlockField("headers", "Headers", "object", false, true, null),
                    new BlockField("secret", "Signing secret (Standard Webhooks)", "string", false, true, null))));

    public List<BlockType> all() {
        return TYPES;
    }

    public Optional<BlockType> bySlug(String slug) {
        return TYPES.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    public Optional<BlockType> byId(UUID id) {
        return TYPES.stream().filter(t -> t.id().equals(id) || t.schemaId().equals(id)).findFirst();
    }
}
