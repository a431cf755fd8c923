package dev.atrium.scaffolder.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.atrium.scaffolder.render.Renderer;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the built-in template's fetch step as {@code fetch:template} does (the step's values from
 * the parameters, then every skeleton file's path and contents with them; a path that renders empty
 * or with an empty segment is dropped; copyWithoutTemplating files are copied as they are, executable
 * bits kept), with the scaffolder's own {@link Renderer}. For tests that look at what the template
 * generates without running a task.
 */
final class TemplateRendering {

	static final String TEMPLATE = "scaffolder/templates/spring-boot-service/template.yaml";

	static final String GIT_URL = "http://localhost:8080/git";

	private TemplateRendering() {
	}

	/** The template as the catalog gets it, ${ATRIUM_GIT_URL} filled in. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> template() {
		try (InputStream in = TemplateRendering.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${ATRIUM_GIT_URL}", GIT_URL);
			return new Yaml().load(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The fetch step's input, rendered with these parameters. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> fetchInput(Map<String, Object> parameters) {
		Map<String, Object> spec = (Map<String, Object>) template().get("spec");
		Map<String, Object> fetch = ((List<Map<String, Object>>) spec.get("steps")).get(0);
		return (Map<String, Object>) new Renderer().evaluate(fetch.get("input"), Map.of("parameters", parameters));
	}

	/** Renders the skeleton with these parameters into {@code target}. */
	@SuppressWarnings("unchecked")
	static void render(Map<String, Object> parameters, Path target) {
		Map<String, Object> input = fetchInput(parameters);
		Map<String, Object> values = (Map<String, Object>) input.get("values");
		List<PathMatcher> verbatim = ((List<String>) input.get("copyWithoutTemplating")).stream()
			.map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
			.toList();
		Renderer renderer = new Renderer();
		Map<String, Object> context = Map.of("values", values);
		Path skeleton = skeleton();
		try (Stream<Path> files = Files.walk(skeleton)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String relative = skeleton.relativize(file).toString();
				String renderedPath = renderer.render(relative, context);
				if (renderedPath.isBlank() || renderedPath.startsWith("/") || renderedPath.contains("//")) {
					continue;
				}
				Path out = target.resolve(renderedPath);
				Files.createDirectories(out.getParent());
				if (verbatim.stream().anyMatch(m -> m.matches(Path.of(relative)))) {
					Files.copy(file, out);
				}
				else {
					Files.writeString(out, renderer.render(Files.readString(file), context, true, true));
				}
				if (Files.isExecutable(file)) {
					out.toFile().setExecutable(true);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path skeleton() {
		try {
			return Path.of(TemplateRendering.class.getClassLoader()
				.getResource("scaffolder/templates/spring-boot-service/skeleton")
				.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
