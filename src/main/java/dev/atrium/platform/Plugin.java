package dev.atrium.platform;

/**
 * Declares a plugin: a set of Spring beans that contribute to Atrium's extension points. Declaring it
 * as a bean lets the portal list installed plugins; the contributions themselves are separate beans.
 *
 * @param id short, lower-case id; names the plugin's pages ({@code /id}), API and properties
 * @param title what users read
 * @param icon name of an icon in the portal's icon set (see {@code templates/layout/fragments/icon.html})
 */
public record Plugin(String id, String title, String icon) {
}
