package dev.atrium.catalog;

import java.util.List;

/**
 * Published after entities were written or removed, once the change is committed.
 *
 * @param upserted refs of entities created or changed
 * @param removed refs of entities removed
 */
public record EntitiesChanged(List<String> upserted, List<String> removed) {
}
