package dev.atrium.scaffolder.action.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.task.Globs;
import org.springframework.stereotype.Component;

/**
 * {@code fs:delete}: deletes files or folders (paths or globs) in the workspace. A symbolic link is
 * deleted itself, never what it points to, and folders are walked without following links.
 */
@Component
class DeleteAction implements ScaffolderAction {

	@Override
	public String id() {
		return "fs:delete";
	}

	@Override
	public String description() {
		return "Deletes files or folders in the workspace; paths may be globs such as **/*.tmp.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("files"), "properties",
				Map.of("files", Map.of("type", "array", "items", Map.of("type", "string"))));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Delete a folder", """
				- action: fs:delete
				  input:
				    files: [unused, '**/*.orig']
				"""));
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		Path root = context.resolve("");
		for (String pattern : Entity.strings(context.input().get("files"))) {
			List<Path> targets = new ArrayList<>();
			if (pattern.contains("*") || pattern.contains("?") || pattern.contains("[") || pattern.contains("{")) {
				context.resolve(pattern.replaceAll("[*?\\[\\]{}]", "_"));
				try (Stream<Path> walk = Files.walk(root)) {
					walk.filter(p -> !p.equals(root) && Globs.matches(List.of(pattern), root.relativize(p).toString())).forEach(targets::add);
				}
			}
			else {
				Path target = resolveLink(context, pattern);
				if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
					targets.add(target);
				}
			}
			for (Path target : targets) {
				delete(target);
				context.log("Deleted " + root.relativize(target));
			}
		}
	}

	/** The path to delete: a link named by the path is the link itself, checked through its parent. */
	private static Path resolveLink(ActionContext context, String pattern) {
		String normal = pattern.replace('\\', '/').replaceAll("/+$", "");
		int slash = normal.lastIndexOf('/');
		Path parent = context.resolve(slash < 0 ? "" : normal.substring(0, slash));
		Path named = parent.resolve(normal.substring(slash + 1));
		return Files.isSymbolicLink(named) ? named : context.resolve(pattern);
	}

	private static void delete(Path target) throws IOException {
		if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
			try (Stream<Path> walk = Files.walk(target)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
		else {
			Files.deleteIfExists(target);
		}
	}

}
