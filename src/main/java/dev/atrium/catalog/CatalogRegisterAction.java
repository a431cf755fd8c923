package dev.atrium.catalog;

import java.util.List;
import java.util.Map;

import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.ingest.Problem;
import dev.atrium.platform.ActionContext;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import org.springframework.stereotype.Component;

/**
 * The scaffolder's {@code catalog:register}: registers the new repository's {@code catalog-info.yaml}
 * as a url location, with the same checks as the register page (allowed hosts, SSRF guards), and
 * outputs the first entity it holds.
 */
@Component
class CatalogRegisterAction implements ScaffolderAction {

	private final Ingestion ingestion;

	CatalogRegisterAction(Ingestion ingestion) {
		this.ingestion = ingestion;
	}

	@Override
	public String id() {
		return "catalog:register";
	}

	@Override
	public String description() {
		return "Registers a catalog-info.yaml (catalogInfoUrl, or repoContentsUrl and catalogInfoPath) as a location in the catalog.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties", Map.of(
				"catalogInfoUrl", Map.of("type", "string", "description", "URL of the catalog file"),
				"repoContentsUrl", Map.of("type", "string", "description", "URL of the repository's contents"),
				"catalogInfoPath", Map.of("type", "string", "description", "Path of the file in the repository, /catalog-info.yaml by default"),
				"optional", Map.of("type", "boolean", "description", "Do not fail when the registration fails")));
	}

	@Override
	public Map<String, Object> outputSchema() {
		return Map.of("type", "object", "properties", Map.of("entityRef", Map.of("type", "string"),
				"catalogInfoUrl", Map.of("type", "string")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Register the published repository", """
				- id: register
				  action: catalog:register
				  input:
				    repoContentsUrl: ${{ steps.publish.output.repoContentsUrl }}
				    catalogInfoPath: /catalog-info.yaml
				"""));
	}

	@Override
	public void execute(ActionContext context) {
		Map<String, Object> input = context.input();
		String url = Entity.string(input.get("catalogInfoUrl"));
		if (url == null) {
			String contents = Entity.string(input.get("repoContentsUrl"));
			if (contents == null) {
				throw new InputException("catalog:register needs catalogInfoUrl, or repoContentsUrl and catalogInfoPath");
			}
			String path = Entity.string(input.getOrDefault("catalogInfoPath", "/catalog-info.yaml"));
			url = contents.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
		}
		context.output("catalogInfoUrl", url);
		if (context.dryRun()) {
			context.log("Would register " + url + " (dry run)");
			return;
		}
		try {
			Ingestion.Registration registration = ingestion.register("url", url, context.user().name());
			if (registration.refs().isEmpty()) {
				String why = registration.problems().stream().map(Problem::message).findFirst().orElse("it holds no entities");
				throw new InputException("Registered " + url + " but read no entity from it: " + why);
			}
			// as Backstage: the first entity that is not the Location standing for the registration
			context.output("entityRef", registration.refs().stream().filter(r -> !r.startsWith("location:")).findFirst()
				.orElse(registration.refs().get(0)));
			context.log("Registered " + url + ": " + String.join(", ", registration.refs()));
		}
		catch (InputException | ConflictException ex) {
			if (Boolean.TRUE.equals(input.get("optional"))) {
				context.log("Could not register " + url + " (optional): " + ex.getMessage());
				return;
			}
			throw ex;
		}
	}

}
