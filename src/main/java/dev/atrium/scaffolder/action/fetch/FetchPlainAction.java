package dev.atrium.scaffolder.action.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.ScaffolderProperties;
import dev.atrium.scaffolder.task.Workspace;
import org.springframework.stereotype.Component;

/** {@code fetch:plain}: copies a folder next to the template into the workspace as it is. */
@Component
class FetchPlainAction implements ScaffolderAction {

	private final ScaffolderProperties properties;

	FetchPlainAction(ScaffolderProperties properties) {
		this.properties = properties;
	}

	@Override
	public String id() {
		return "fetch:plain";
	}

	@Override
	public String description() {
		return "Copies a folder next to the template into the workspace without rendering anything.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("url"), "properties", Map.of(
				"url", Map.of("type", "string", "description", "The folder, relative to the template"),
				"targetPath", Map.of("type", "string", "description", "Where in the workspace, ./ by default")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		String targetPath = Entity.string(context.input().getOrDefault("targetPath", "./"));
		List<TemplateSource.SourceFile> files = TemplateSource.directory(context.templateLocation(),
				Entity.string(context.input().get("url")), properties.maxFiles(), properties.maxWorkspaceSize().toBytes(), context::log);
		for (TemplateSource.SourceFile file : files) {
			Path out = context.resolve((targetPath.endsWith("/") ? targetPath : targetPath + "/") + file.path());
			Files.createDirectories(out.getParent());
			Files.write(out, file.content());
			if (file.executable()) {
				Workspace.markExecutable(out);
			}
		}
		context.log("Copied " + files.size() + " files to " + targetPath);
	}

}
