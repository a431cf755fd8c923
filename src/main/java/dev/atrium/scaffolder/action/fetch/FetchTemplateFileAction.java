package dev.atrium.scaffolder.action.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.ScaffolderProperties;
import org.springframework.stereotype.Component;

/** {@code fetch:template:file}: renders one file next to the template into the workspace. */
@Component
class FetchTemplateFileAction implements ScaffolderAction {

	private final FetchTemplateAction folder;

	private final ScaffolderProperties properties;

	FetchTemplateFileAction(FetchTemplateAction folder, ScaffolderProperties properties) {
		this.folder = folder;
		this.properties = properties;
	}

	@Override
	public String id() {
		return "fetch:template:file";
	}

	@Override
	public String description() {
		return "Renders one file next to the template with values and writes it to targetPath in the workspace.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("url", "targetPath"), "properties", Map.of(
				"url", Map.of("type", "string", "description", "The file, relative to the template"),
				"targetPath", Map.of("type", "string", "description", "The file to write in the workspace"),
				"values", Map.of("type", "object"), "replace", Map.of("type", "boolean"),
				"trimBlocks", Map.of("type", "boolean"), "lstripBlocks", Map.of("type", "boolean")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Render a README", """
				- action: fetch:template:file
				  input:
				    url: ./files/README.md
				    targetPath: README.md
				    values:
				      name: ${{ parameters.name }}
				"""));
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		Map<String, Object> input = context.input();
		String targetPath = Entity.string(input.get("targetPath"));
		if (targetPath.isBlank() || targetPath.endsWith("/")) {
			throw new InputException("targetPath must name a file");
		}
		TemplateSource.SourceFile file = TemplateSource.file(context.templateLocation(), Entity.string(input.get("url")),
				properties.maxWorkspaceSize().toBytes());
		Path out = context.resolve(targetPath);
		String parent = targetPath.contains("/") ? targetPath.substring(0, targetPath.lastIndexOf('/')) : ".";
		String name = out.getFileName().toString();
		boolean written = folder.write(context, context.resolve(parent), parent, name, file, true,
				Map.of("values", Entity.map(input.get("values"))), Boolean.TRUE.equals(input.get("replace")),
				Boolean.TRUE.equals(input.get("trimBlocks")), Boolean.TRUE.equals(input.get("lstripBlocks")));
		if (written) {
			context.log("Wrote " + targetPath);
		}
	}

}
