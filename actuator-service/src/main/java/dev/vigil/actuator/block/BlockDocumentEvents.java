package dev.vigil.actuator.block;

import dev.vigil.model.event.EventIds;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle events of block documents, {@code prefect.block-document.created|updated|deleted}, in Prefect's
 * shape: the payload holds the name, the string values of the data's non-secret fields, and the block schema's
 * capabilities with its block type; the related resources are the block type and the block schema. A secret's
 * value never appears, not even obfuscated.
 */
public final class BlockDocumentEvents {

    public static final String PREFIX = "prefect.block-document.";

    private BlockDocumentEvents() {
    }

    static ReceivedEvent lifecycle(String change, BlockType type, BlockDocument document) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Resource resource = new Resource(Map.of(
                Resource.ID, PREFIX + document.id(),
                Resource.NAME, document.name()));
        List<RelatedResource> related = List.of(
                new RelatedResource(Map.of(Resource.ID, "prefect.block-type." + type.id(),
                        Resource.ROLE, "block-type", Resource.NAME, type.name())),
                new RelatedResource(Map.of(Resource.ID, "prefect.block-schema." + type.schemaId(),
                        Resource.ROLE, "block-schema")));
        Map<String, Object> data = new LinkedHashMap<>();
        document.data().forEach((field, value) -> {
            boolean secret = type.field(field).map(BlockField::secret).orElse(true);
            if (!secret && value instanceof String text) {
                data.put(field, text);
            }
        });
        Map<String, Object> blockType = new LinkedHashMap<>();
        blockType.put("id", type.id().toString());
        blockType.put("name", type.name());
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("capabilities", type.capabilities());
        schema.put("block_type", blockType);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", document.name());
        payload.put("data", data);
        payload.put("block_schema", schema);
        return new ReceivedEvent(now, PREFIX + change, resource, related, payload, EventIds.uuid7(), null, now);
    }
}
