package dev.atrium.scaffolder.action.fetch;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Entity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.ScaffolderProperties;
import dev.atrium.scaffolder.render.Renderer;
import dev.atrium.scaffolder.task.Globs;
import dev.atrium.scaffolder.task.Workspace;
import org.springframework.stereotype.Component;

/**
 * {@code fetch:template}: copies a skeleton folder into the workspace, rendering file names and
 * contents with {@code values} (as {@code ${{ values.x }}}). A name that renders empty, absolute or
 * with {@code //} drops the file (Backstage's way of making files optional); one that leaves the
 * workspace is refused. Binary files and {@code copyWithoutTemplating} globs are copied as they are.
 */
@Component
class FetchTemplateAction implements ScaffolderAction {

	private final Renderer renderer;

	private final ScaffolderProperties properties;

	FetchTemplateAction(Renderer renderer, ScaffolderProperties properties) {
		this.renderer = renderer;
		this.properties = properties;
	}

	@Override
	public String id() {
		return "fetch:template";
	}

	@Override
	public String description() {
		return "Copies a skeleton folder next to the template into the workspace, rendering names and contents with values.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("url"), "properties", Map.of(
				"url", Map.of("type", "string", "description", "The skeleton folder, relative to the template"),
				"targetPath", Map.of("type", "string", "description", "Where in the workspace, ./ by default"),
				"values", Map.of("type", "object", "description", "Values the skeleton reads as ${{ values.x }}"),
				"copyWithoutTemplating", Map.of("type", "array", "description", "Globs of files copied without rendering (names are still rendered)"),
				"templateFileExtension", Map.of("description", "true (.njk) or an extension: only such files are rendered, the extension dropped"),
				"replace", Map.of("type", "boolean", "description", "Overwrite files that exist; they are kept by default"),
				"trimBlocks", Map.of("type", "boolean"), "lstripBlocks", Map.of("type", "boolean")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Render the skeleton folder with the form's values", """
				- id: fetch
				  action: fetch:template
				  input:
				    url: ./skeleton
				    values:
				      name: ${{ parameters.name }}
				"""));
	}

	@Override
	public void execute(ActionContext context) throws IOException {
		Map<String, Object> input = context.input();
		if (Boolean.TRUE.equals(input.get("cookiecutterCompat"))) {
			throw new InputException("cookiecutterCompat is not supported; write the skeleton with ${{ values.x }}");
		}
		String url = Entity.string(input.get("url"));
		String targetPath = Entity.string(input.getOrDefault("targetPath", "./"));
		Path target = context.resolve(targetPath);
		List<String> globs = new ArrayList<>(Entity.strings(input.get("copyWithoutTemplating")));
		globs.addAll(Entity.strings(input.get("copyWithoutRender")));
		String extension = extension(input.get("templateFileExtension"));
		Map<String, Object> values = Map.of("values", Entity.map(input.get("values")));
		boolean replace = Boolean.TRUE.equals(input.get("replace"));
		boolean trim = Boolean.TRUE.equals(input.get("trimBlocks"));
		boolean lstrip = Boolean.TRUE.equals(input.get("lstripBlocks"));
		List<TemplateSource.SourceFile> files = TemplateSource.directory(context.templateLocation(), url, properties.maxFiles(),
				properties.maxWorkspaceSize().toBytes(), context::log);
		context.log("Fetching " + files.size() + " files from " + url);
		int written = 0;
		for (TemplateSource.SourceFile file : files) {
			if (context.cancelled()) {
				return;
			}
			boolean verbatim = matches(globs, file.path());
			String path = file.path();
			boolean render = !verbatim;
			if (extension != null) {
				render = render && path.endsWith(extension);
				if (path.endsWith(extension)) {
					path = path.substring(0, path.length() - extension.length());
				}
			}
			String renderedPath = renderer.render(path, values, trim, lstrip);
			if (renderedPath.isBlank() || renderedPath.startsWith("/") || renderedPath.contains("//") || renderedPath.endsWith("/")) {
				context.log("Skipped " + file.path() + " (its name rendered as '" + renderedPath + "')");
				continue;
			}
			if (write(context, target, targetPath, renderedPath, file, render, values, replace, trim, lstrip)) {
				written++;
			}
		}
		context.log("Wrote " + written + " files to " + targetPath);
	}

	/** Writes one file; false when it existed and is kept. */
	boolean write(ActionContext context, Path target, String targetPath, String renderedPath, TemplateSource.SourceFile file,
			boolean render, Map<String, Object> values, boolean replace, boolean trim, boolean lstrip) throws IOException {
		String relative = (targetPath.endsWith("/") ? targetPath : targetPath + "/") + renderedPath;
		Path out = context.resolve(relative);
		if (!out.startsWith(target)) {
			throw new InputException("The file '" + renderedPath + "' would be written outside " + targetPath);
		}
		if (Files.exists(out) && !replace) {
			context.log("Kept the existing " + relative + " (set replace: true to overwrite)");
			return false;
		}
		byte[] content = file.content();
		if (render) {
			String text = text(content);
			if (text != null) {
				content = renderer.render(text, values, trim, lstrip).getBytes(StandardCharsets.UTF_8);
			}
		}
		Files.createDirectories(out.getParent());
		context.resolve(relative);
		Files.write(out, content);
		if (file.executable()) {
			Workspace.markExecutable(out);
		}
		return true;
	}

	static String extension(Object option) {
		if (option == null || Boolean.FALSE.equals(option)) {
			return null;
		}
		if (Boolean.TRUE.equals(option)) {
			return ".njk";
		}
		String ext = option.toString();
		return ext.startsWith(".") ? ext : "." + ext;
	}

	/** The content as text, or null when it is binary (a NUL byte, or not UTF-8). */
	static String text(byte[] content) {
		for (int i = 0; i < Math.min(content.length, 8000); i++) {
			if (content[i] == 0) {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	static boolean matches(List<String> globs, String path) {
		return Globs.matches(globs, path);
	}

}
