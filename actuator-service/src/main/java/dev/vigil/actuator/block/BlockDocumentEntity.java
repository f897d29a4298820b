package dev.vigil.actuator.block;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored block: its type and its field values, secrets included. */
@Entity
@Table(name = "block_documents")
public class BlockDocumentEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(nullable = false)
    public String name;

    @Column(name = "block_type_slug", nullable = false)
    public String blockTypeSlug;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> data;

    @Column(nullable = false)
    public OffsetDateTime created;

    @Column(nullable = false)
    public OffsetDateTime updated;
}
