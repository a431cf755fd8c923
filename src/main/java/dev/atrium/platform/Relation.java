package dev.atrium.platform;

/**
 * A directed relation between two entities, such as {@code component:default/a ownedBy group:default/t}.
 * Relation types follow Backstage's names (ownedBy, ownerOf, partOf, hasPart, ...).
 */
public record Relation(EntityRef source, String type, EntityRef target) {
}
