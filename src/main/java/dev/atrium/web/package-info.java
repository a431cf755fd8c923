/**
 * The portal's frame: the layout every page shares (header, sidebar built from NavigationEntry beans,
 * breadcrumbs), the home page, and the error pages and API error bodies. It knows no feature.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.web;
