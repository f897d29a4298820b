package dev.vigil.actuator.block;

import dev.vigil.actuator.action.ActionFailedException;
import dev.vigil.actuator.egress.EgressPolicy;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.support.concurrent.KeyedSequencer;
import dev.vigil.support.concurrent.RowQueueConfig;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import dev.vigil.support.event.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Creates, reads and deletes blocks. Reads for the API are obfuscated; {@link #load} is for executing actions.
 * Every change publishes Prefect's lifecycle event ({@link BlockDocumentEvents}) once it has committed.
 */
@ApplicationScoped
public class BlockDocumentService {

    /** Names are in a unique index; longer ones would not fit an index entry. */
    static final int MAX_NAME_LENGTH = 256;
    private static final String UNIQUE_VIOLATION = "23505";

    private final BlockDocumentRepository repository;
    private final BlockCache cache;
    private final BlockTypeCatalog catalog;
    private final EgressPolicy egress;
    private final BlockSecretCipher cipher;
    /** Changes run on an explicitly passed session with the row locked when read (see {@code AutomationTransactions}). */
    private final Mutiny.SessionFactory sessions;
    private final KeyedSequencer<UUID> rows;
    private final EventPublisher events;
    private final BlockSchemaCatalog schemas;

    public BlockDocumentService(BlockDocumentRepository repository, BlockCache cache, BlockTypeCatalog catalog,
                                EgressPolicy egress, BlockSecretCipher cipher, Mutiny.SessionFactory sessions,
                                EventPublisher events, BlockSchemaCatalog schemas, RowQueueConfig rowQueue) {
        this.rows = rowQueue.sequencer();
        this.events = events;
        this.schemas = schemas;
        this.sessions = sessions;
        this.repository = repository;
        this.cache = cache;
        this.catalog = catalog;
        this.egress = egress;
        this.cipher = cipher;
    }

    public Uni<BlockDocument> create(UUID workspaceId, BlockDocumentCreate create) {
        BlockType type = validate(create);
        BlockDocumentEntity entity = new BlockDocumentEntity();
        entity.id = UUID.randomUUID();
        entity.workspaceId = workspaceId;
        entity.name = create.name();
        entity.blockTypeSlug = type.slug();
        entity.data = cipher.seal(entity.id, type.slug(), withDefaults(type, create.data()));
        entity.created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        entity.updated = entity.created;
        return inTransaction((session, transaction) -> persist(session, entity))
                // Two creations of the same name at once: both pass the check, the unique index refuses one.
                .onFailure(BlockDocumentService::isUniqueViolation).transform(e -> duplicateName())
                .map(this::toApi)
                .call(created -> published(workspaceId, "created", created));
    }

    /** The lifecycle event of a committed change; the caller's answer waits for the broker, as automations' do. */
    private Uni<Void> published(UUID workspaceId, String change, BlockDocument document) {
        if (document == null) {
            return Uni.createFrom().voidItem();
        }
        BlockType type = catalog.bySlug(document.blockTypeSlug()).orElseThrow();
        return events.publish(workspaceId, BlockDocumentEvents.lifecycle(change, type, document));
    }

    /**
     * One transaction on an explicitly passed session, shielded from its caller's cancellation: a client that
     * gives up must not close the session under a running statement (HR000090); the change commits, only the
     * answer is lost.
     */
    private <T> Uni<T> inTransaction(java.util.function.BiFunction<Mutiny.Session, Mutiny.Transaction, Uni<T>> work) {
        Uni<T> transaction = sessions.withTransaction(work);
        return Uni.createFrom().emitter(emitter -> transaction.subscribe().with(emitter::complete, emitter::fail));
    }

    /**
     * {@link #inTransaction} for a change of one block, queued in this process behind the other changes of that
     * block: many clients changing one block otherwise each held a pool connection waiting for its row lock.
     */
    private <T> Uni<T> inTransactionOnRow(UUID id,
            java.util.function.BiFunction<Mutiny.Session, Mutiny.Transaction, Uni<T>> work) {
        Uni<T> transaction = rows.run(id, () -> sessions.withTransaction(work));
        return Uni.createFrom().emitter(emitter -> transaction.subscribe().with(emitter::complete, emitter::fail));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return true;
            }
            if (cause instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static BlockExistsException duplicateName() {
        return new BlockExistsException();
    }

    /**
     * Prefect's PATCH: merges {@code data} into the stored data (or replaces it when
     * {@code merge_existing_data} is false). A secret sent back as {@code ********} keeps its
     * stored value, so a client can round-trip what it read. Null item when absent.
     */
    public Uni<BlockDocument> update(UUID workspaceId, UUID id, BlockDocumentUpdate update) {
        return inTransactionOnRow(id, (session, transaction) -> session.createSelectionQuery(
                        "from BlockDocumentEntity where workspaceId = :workspace and id = :id", BlockDocumentEntity.class)
                .setParameter("workspace", workspaceId).setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResultOrNull().map(entity -> {
            if (entity == null) {
                return null;
            }
            BlockType type = typeOf(entity);
            if (update.blockSchemaId() != null && !update.blockSchemaId().equals(type.schemaId())) {
                throw new ValidationProblemException(FieldProblem.body("Must be the schema of the block's type '"
                        + type.slug() + "' (" + type.schemaId() + "); a block cannot change its type",
                        "value_error", "block_schema_id"));
            }
            Map<String, Object> stored = cipher.open(entity.id, type.slug(), entity.data);
            Map<String, Object> data = new LinkedHashMap<>(update.mergeExistingData() ? stored : Map.of());
            Map<String, Object> given = update.data() == null ? Map.of() : update.data();
            given.forEach((field, value) -> {
                if (!BlockSecrets.OBFUSCATED.equals(value)) {
                    data.put(field, value);
                } else if (!update.mergeExistingData() && stored.containsKey(field)) {
                    data.put(field, stored.get(field));
                }
            });
            List<FieldProblem> problems = BlockDataValidator.problems(type, data, egress);
            if (!problems.isEmpty()) {
                throw new ValidationProblemException(problems);
            }
            // Sealed again as a whole: a value sealed with an old key moves to the current one.
            entity.data = cipher.seal(entity.id, type.slug(), withDefaults(type, data));
            entity.updated = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return toApi(entity);
        })).invoke(updated -> cache.invalidate(workspaceId, id))
                .call(updated -> published(workspaceId, "updated", updated));
    }

    /** Blocks of the workspace, by name, optionally only some types and names; secrets obfuscated. */
    public Uni<List<BlockDocument>> filter(UUID workspaceId, BlockDocumentFilter filter) {
        return repository.filter(workspaceId, filter).map(list -> list.stream().map(this::toApi).toList());
    }

    /** The workspace's block of this type with this name (Prefect's read by name); a null item when absent. */
    public Uni<BlockDocument> findByName(UUID workspaceId, String slug, String name) {
        BlockDocumentFilter filter = new BlockDocumentFilter(1, 0,
                new BlockDocumentFilter.Documents(new BlockDocumentFilter.AnyOf(List.of(name))),
                new BlockDocumentFilter.Types(new BlockDocumentFilter.AnyOf(List.of(slug))));
        return filter(workspaceId, filter).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** A null item when absent from this workspace. */
    public Uni<BlockDocument> find(UUID workspaceId, UUID id) {
        return repository.findInWorkspace(workspaceId, id).map(e -> e == null ? null : toApi(e));
    }

    /**
     * The block with its secrets, for the actuator's own use only (read-only, possibly cached for
     * {@code vigil.actuator.block-cache.ttl}). Null item when absent.
     */
    public Uni<BlockDocumentEntity> load(UUID workspaceId, UUID id) {
        return cache.read(workspaceId, id);
    }

    /**
     * The block with its secrets, which must be of type {@code slug}; fails the action with a clear
     * reason otherwise.
     */
    public Uni<BlockDocumentEntity> loadOfType(UUID workspaceId, UUID id, String... slugs) {
        return load(workspaceId, id).map(block -> {
            if (block == null) {
                throw new ActionFailedException("Block document " + id + " not found");
            }
            if (!List.of(slugs).contains(block.blockTypeSlug)) {
                throw new ActionFailedException("Block document " + block.id + " is a '" + block.blockTypeSlug
                        + "' block, which cannot be used here (expected " + String.join(" or ", slugs) + ")");
            }
            return block;
        });
    }

    /** The {@code block} and {@code block-type} related resources of an action's events. */
    public static List<RelatedResource> related(BlockDocumentEntity block) {
        return List.of(
                new RelatedResource(Map.of(Resource.ID, "prefect.block-document." + block.id,
                        Resource.ROLE, "block", Resource.NAME, block.name)),
                new RelatedResource(Map.of(Resource.ID, "prefect.block-type." + block.blockTypeSlug,
                        Resource.ROLE, "block-type")));
    }

    public Uni<Boolean> delete(UUID workspaceId, UUID id) {
        return inTransactionOnRow(id, (session, transaction) -> session.createSelectionQuery(
                        "from BlockDocumentEntity where workspaceId = :workspace and id = :id", BlockDocumentEntity.class)
                .setParameter("workspace", workspaceId).setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResultOrNull()
                // One statement, as the automations' delete: session.remove's flush once continued on another
                // event loop than the session's (HR000069) and left the transaction, and the row's queue, hanging.
                .call(entity -> entity == null ? Uni.createFrom().voidItem()
                        : session.createMutationQuery("delete from BlockDocumentEntity where id = :id")
                                .setParameter("id", id).executeUpdate())
                .map(entity -> entity == null ? null : toApi(entity)))
                .invoke(deleted -> cache.invalidate(workspaceId, id))
                .call(deleted -> published(workspaceId, "deleted", deleted))
                .map(deleted -> deleted != null);
    }

    private static Uni<BlockDocumentEntity> persist(Mutiny.Session session, BlockDocumentEntity entity) {
        return session.createSelectionQuery("select count(*) from BlockDocumentEntity where workspaceId = :workspace"
                        + " and blockTypeSlug = :slug and name = :name", Long.class)
                .setParameter("workspace", entity.workspaceId).setParameter("slug", entity.blockTypeSlug)
                .setParameter("name", entity.name).getSingleResult()
                .chain(existing -> {
                    if (existing > 0) {
                        throw duplicateName();
                    }
                    return session.persist(entity).replaceWith(entity);
                });
    }

    private BlockType validate(BlockDocumentCreate create) {
        if (create == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        if (create.name() == null || create.name().isBlank()) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing", "name"));
        }
        if (create.name().length() > MAX_NAME_LENGTH) {
            throw new ValidationProblemException(FieldProblem.body(
                    "String should have at most " + MAX_NAME_LENGTH + " characters", "string_too_long", "name"));
        }
        if (Boolean.TRUE.equals(create.isAnonymous())) {
            throw new ValidationProblemException(FieldProblem.body(
                    "Anonymous blocks are not supported; give the block a name", "value_error", "is_anonymous"));
        }
        BlockType type = resolveType(create);
        Map<String, Object> data = create.data() == null ? Map.of() : create.data();
        List<FieldProblem> problems = BlockDataValidator.problems(type, data, egress);
        if (!problems.isEmpty()) {
            throw new ValidationProblemException(problems);
        }
        return type;
    }

    /**
     * The type named by {@code block_type_slug}, {@code block_type_id} and {@code block_schema_id}: at least one
     * is needed, and all that are given must name the same type. (A schema id given as {@code block_type_id}, as
     * Vigil accepted before it served schemas, still names its type.)
     */
    private BlockType resolveType(BlockDocumentCreate create) {
        BlockType bySlug = create.blockTypeSlug() == null ? null : catalog.bySlug(create.blockTypeSlug())
                .orElseThrow(() -> unknown("Unknown block type '" + create.blockTypeSlug() + "'", "block_type_slug"));
        BlockType byTypeId = create.blockTypeId() == null ? null : catalog.byId(create.blockTypeId())
                .orElseThrow(() -> unknown("Unknown block type id", "block_type_id"));
        BlockType bySchemaId = create.blockSchemaId() == null ? null : catalog.bySchemaId(create.blockSchemaId())
                .orElseThrow(() -> unknown("Unknown block schema id; see /api/block_schemas/filter for Vigil's",
                        "block_schema_id"));
        BlockType type = bySlug != null ? bySlug : byTypeId != null ? byTypeId : bySchemaId;
        if (type == null) {
            throw new ValidationProblemException(FieldProblem.body(
                    "One of block_type_slug, block_type_id or block_schema_id is required", "missing",
                    "block_type_slug"));
        }
        if (byTypeId != null && byTypeId != type) {
            throw unknown("Names block type '" + byTypeId.slug() + "', but block_type_slug names '" + type.slug()
                    + "'", "block_type_id");
        }
        if (bySchemaId != null && bySchemaId != type) {
            throw unknown("Is the schema of block type '" + bySchemaId.slug() + "', not of '" + type.slug() + "'",
                    "block_schema_id");
        }
        return type;
    }

    private static ValidationProblemException unknown(String msg, String field) {
        return new ValidationProblemException(FieldProblem.body(msg, "value_error", field));
    }

    private static Map<String, Object> withDefaults(BlockType type, Map<String, Object> data) {
        Map<String, Object> complete = new LinkedHashMap<>();
        type.fields().forEach(f -> {
            if (f.used() && f.defaultValue() != null) {
                complete.put(f.name(), f.defaultValue());
            }
        });
        if (data != null) {
            data.forEach((k, v) -> {
                if (v != null) {
                    complete.put(k, v);
                }
            });
        }
        return complete;
    }

    private BlockType typeOf(BlockDocumentEntity entity) {
        return catalog.bySlug(entity.blockTypeSlug)
                .orElseThrow(() -> new IllegalStateException("stored block has unknown type " + entity.blockTypeSlug));
    }

    private BlockDocument toApi(BlockDocumentEntity entity) {
        BlockType type = typeOf(entity);
        return new BlockDocument(entity.id, entity.created, entity.updated, entity.name,
                BlockSecrets.obfuscate(type, entity.data), type.slug(), type.id(), type.schemaId(), type.name(), false,
                schemas.forType(type).orElseThrow(), BlockTypeView.withoutSchema(type), Map.of());
    }
}
