package dev.atrium.catalog.web;

/** A tab of an entity page. */
public record Tab(String id, String title, String href, boolean active) {
}
