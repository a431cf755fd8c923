package dev.atrium.platform;

/**
 * A tab on entity pages, contributed by a plugin. The catalog shows the tab on the pages of the
 * entities {@link #filter()} selects, at {@code /catalog/<namespace>/<kind>/<name>/<id>}, and renders
 * the fragment {@link #render} returns inside the portal's layout. Tabs load after the page
 * (through htmx), so a slow tab never slows the entity page.
 */
public interface EntityContent {

	/** Path segment of the tab, unique among tabs: lower case, digits and dashes. */
	String id();

	/** The tab's label. */
	String title();

	/** Which entities get the tab. */
	EntityFilter filter();

	/** The fragment that renders the tab's content for one entity. */
	Fragment render(Entity entity);

	/** Position among the tabs, lower first; the catalog's own tabs use 0 to 99. */
	default int order() {
		return 100;
	}

}
