/**
 * The scaffolder: software templates (catalog entities of kind Template) rendered into new projects by
 * tasks stored in PostgreSQL and run by ScaffolderAction beans; the /create pages and Backstage's
 * scaffolder REST API. Reads the catalog only through the platform's EntityLookup.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.scaffolder;
