package dev.vigil.evaluator.automation;

import dev.vigil.model.automation.ActionLists;
import dev.vigil.model.trigger.Trigger;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored form of an automation; trigger and actions are JSONB in the shared-model types. */
@Entity
@Table(name = "automations")
public class AutomationEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public boolean enabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Trigger trigger;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public ActionLists actions;

    @Column(name = "owner_resource")
    public String ownerResource;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "related_resource_ids", nullable = false)
    public String[] relatedResourceIds;

    /** Why Vigil paused it (the storm brake); null when it is enabled or a user paused it. */
    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(nullable = false)
    public OffsetDateTime created;

    @Column(nullable = false)
    public OffsetDateTime updated;
}
