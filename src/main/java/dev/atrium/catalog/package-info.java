/**
 * The software catalog: entities described in Backstage's descriptor format, ingested from
 * registered locations and kept fresh, with their relations; the catalog pages and Backstage's
 * catalog REST API. Other modules read it through the platform's EntityLookup.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.catalog;
