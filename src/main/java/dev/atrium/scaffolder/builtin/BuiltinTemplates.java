package dev.atrium.scaffolder.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.EntityProvider;
import dev.atrium.scaffolder.git.GitRepositories;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Puts the templates Atrium ships ({@code scaffolder/templates/<name>/template.yaml} in the jar) into
 * the catalog at every start, whatever else is registered, so "Spring Boot microservice" is always
 * there to pick. Before it is emitted, {@code ${ATRIUM_GIT_URL}} in a template is replaced with the
 * git host's URL ({@code atrium.scaffolder.git.base-url} + {@code /git}): a new service's
 * catalog-info.yaml names where its repository will be.
 */
@Component
class BuiltinTemplates implements EntityProvider {

	static final String PATTERN = "classpath*:scaffolder/templates/*/template.yaml";

	static final String GIT_URL_PLACEHOLDER = "${ATRIUM_GIT_URL}";

	private final GitRepositories repositories;

	BuiltinTemplates(GitRepositories repositories) {
		this.repositories = repositories;
	}

	@Override
	public String name() {
		return "builtin-templates";
	}

	@Override
	public void connect(Connection connection) {
		connection.replaceAll(templates());
	}

	/** Every built-in template, as a descriptor. */
	List<Map<String, Object>> templates() {
		List<Map<String, Object>> templates = new ArrayList<>();
		try {
			Resource[] found = new PathMatchingResourcePatternResolver(getClass().getClassLoader()).getResources(PATTERN);
			Arrays.sort(found, Comparator.comparing(Resource::getDescription));
			for (Resource resource : found) {
				try (InputStream in = resource.getInputStream()) {
					String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
						.replace(GIT_URL_PLACEHOLDER, repositories.baseUrl() + GitRepositories.PATH);
					templates.add(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the built-in templates", ex);
		}
		return templates;
	}

}
