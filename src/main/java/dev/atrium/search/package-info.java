/**
 * Search across the portal: one PostgreSQL index fed by every {@code SearchSource} bean, ranked,
 * typo-tolerant and fast enough to suggest as you type; the search page, the header suggestions and
 * Backstage's search query API. It never imports the modules it indexes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.search;
