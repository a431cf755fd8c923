package dev.atrium.catalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.descriptor.DescriptorParser;
import dev.atrium.catalog.descriptor.EnvelopeRules;
import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import org.springframework.stereotype.Component;

/**
 * The scaffolder's {@code catalog:write}: writes an entity as {@code catalog-info.yaml} into the
 * task's workspace, checked first by the catalog's own envelope rules so a template cannot publish a
 * descriptor the catalog would refuse.
 */
@Component
class CatalogWriteAction implements ScaffolderAction {

	@Override
	public String id() {
		return "catalog:write";
	}

	@Override
	public String description() {
		return "Writes a catalog entity as YAML (catalog-info.yaml by default) into the workspace, checked by the catalog's rules.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("entity"), "properties", Map.of(
				"entity", Map.of("type", "object", "description", "The entity descriptor"),
				"filePath", Map.of("type", "string", "description", "Where to write it, catalog-info.yaml by default")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Describe the new component", """
				- action: catalog:write
				  input:
				    entity:
				      apiVersion: backstage.io/v1alpha1
				      kind: Component
				      metadata:
				        name: ${{ parameters.name }}
				      spec:
				        type: service
				        lifecycle: experimental
				        owner: ${{ parameters.owner }}
				"""));
	}

	@Override
	public void execute(ActionContext context) throws Exception {
		Map<String, Object> entity = Entity.map(context.input().get("entity"));
		List<String> problems = EnvelopeRules.check(entity);
		if (!problems.isEmpty()) {
			throw new InputException("The entity is not valid: " + String.join("; ", problems));
		}
		String filePath = Entity.string(context.input().getOrDefault("filePath", "catalog-info.yaml"));
		Path out = context.resolve(filePath);
		Files.createDirectories(out.getParent());
		Files.writeString(out, DescriptorParser.toYaml(entity), StandardCharsets.UTF_8);
		context.log("Wrote " + filePath);
	}

}
