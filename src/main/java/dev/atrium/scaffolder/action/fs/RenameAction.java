package dev.atrium.scaffolder.action.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import org.springframework.stereotype.Component;

/** {@code fs:rename}: moves files or folders inside the workspace. */
@Component
class RenameAction implements ScaffolderAction {

	@Override
	public String id() {
		return "fs:rename";
	}

	@Override
	public String description() {
		return "Renames files or folders in the workspace.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("files"), "properties", Map.of("files", Map.of("type", "array",
				"description", "Items {from, to, overwrite}", "items", Map.of("type", "object", "required", List.of("from", "to"),
						"properties", Map.of("from", Map.of("type", "string"), "to", Map.of("type", "string"),
								"overwrite", Map.of("type", "boolean"))))));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Rename a file", """
				- action: fs:rename
				  input:
				    files:
				      - from: gitignore
				        to: .gitignore
				"""));
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		for (Object raw : (List<?>) context.input().get("files")) {
			Map<String, Object> item = Entity.map(raw);
			String from = Entity.string(item.get("from"));
			String to = Entity.string(item.get("to"));
			if (from == null || to == null) {
				throw new InputException("Each file needs 'from' and 'to'");
			}
			Path source = context.resolve(from);
			Path target = context.resolve(to);
			if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
				throw new InputException("There is no file '" + from + "' to rename");
			}
			boolean overwrite = Boolean.TRUE.equals(item.get("overwrite"));
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
				throw new InputException("'" + to + "' exists; set overwrite: true to replace it");
			}
			Files.createDirectories(target.getParent());
			if (overwrite) {
				Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.move(source, target);
			}
			context.log("Renamed " + from + " to " + to);
		}
	}

}
