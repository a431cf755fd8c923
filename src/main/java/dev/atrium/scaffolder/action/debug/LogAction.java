package dev.atrium.scaffolder.action.debug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.ScaffolderAction;
import org.springframework.stereotype.Component;

/**
 * {@code debug:log}: writes a message to the task log and, when asked, lists the workspace (names or
 * contents). Symbolic links are listed, never followed or read (Backstage read /etc/passwd through
 * one, CVE-2026-24046).
 */
@Component
class LogAction implements ScaffolderAction {

	private static final int MAX_CONTENT = 64 * 1024;

	@Override
	public String id() {
		return "debug:log";
	}

	@Override
	public String description() {
		return "Writes a message to the task log; listWorkspace: true or with-contents also lists the workspace.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string"),
				"listWorkspace", Map.of("description", "true, with-filenames or with-contents"), "extra", Map.of()));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Log a message and the workspace's files", """
				- action: debug:log
				  input:
				    message: Hello, ${{ parameters.name }}
				    listWorkspace: true
				"""));
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		Map<String, Object> input = context.input();
		if (input.get("message") != null) {
			context.log(Entity.string(input.get("message")));
		}
		if (input.get("extra") != null) {
			context.log("Extra: " + input.get("extra"));
		}
		Object list = input.get("listWorkspace");
		if (list == null || Boolean.FALSE.equals(list)) {
			return;
		}
		boolean contents = "with-contents".equals(list);
		Path root = context.resolve("");
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
				String name = root.relativize(p).toString().replace('\\', '/');
				if (p.equals(root) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
					continue;
				}
				if (Files.isSymbolicLink(p)) {
					context.log(name + " (symbolic link, not followed)");
				}
				else if (contents && Files.size(p) <= MAX_CONTENT) {
					context.log(name + ":\n" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
				}
				else {
					context.log(name);
				}
			}
		}
	}

}
