package dev.atrium.platform;

/**
 * An item of the portal's sidebar. Declare one as a bean and it appears on every page.
 *
 * @param title what users read
 * @param icon name of an icon in the portal's icon set
 * @param path absolute path inside the portal, such as {@code /catalog}
 * @param order position in the sidebar, lower first
 */
public record NavigationEntry(String title, String icon, String path, int order) {
}
