package dev.atrium.platform;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One thing search can find.
 *
 * @param id unique within its source's type, such as an entity ref
 * @param title what a result shows first (ranked highest)
 * @param name short machine name, matched exactly, by prefix and with typos (may equal the title)
 * @param text description and other prose (ranked below the title)
 * @param location path inside the portal where the thing lives, such as {@code /catalog/default/component/x}
 * @param facets values to narrow results by: {@code kind}, {@code owner} (an entity ref, in any of
 *     Backstage's forms), {@code lifecycle}, {@code tag}, ...
 * @param keywords other words the thing is found by, ranked below its text: tags, types, owner names
 *     (may be empty)
 * @param visibleTo who may find it: users and groups (a caller finds it when their user or one of their
 *     groups is listed; admins always do); null for everyone who may read the portal
 */
public record SearchDocument(String id, String title, String name, String text, String location,
		Map<String, List<String>> facets, String keywords, Set<EntityRef> visibleTo) {

	public SearchDocument {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		facets = Map.copyOf(facets);
		keywords = keywords == null ? "" : keywords;
		visibleTo = visibleTo == null ? null : Set.copyOf(visibleTo);
	}

	/** A document everyone may find. */
	public SearchDocument(String id, String title, String name, String text, String location,
			Map<String, List<String>> facets, String keywords) {
		this(id, title, name, text, location, facets, keywords, null);
	}

	/** A document without keywords: its facet values are searchable at the lowest rank anyway. */
	public SearchDocument(String id, String title, String name, String text, String location,
			Map<String, List<String>> facets) {
		this(id, title, name, text, location, facets, "");
	}

	/** This document, found only by these users and groups (and admins). */
	public SearchDocument onlyFor(Set<EntityRef> readers) {
		return new SearchDocument(id, title, name, text, location, facets, keywords, Objects.requireNonNull(readers, "readers"));
	}

}
