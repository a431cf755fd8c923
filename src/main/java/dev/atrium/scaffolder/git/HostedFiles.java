package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import dev.atrium.platform.UrlReader;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Lets the catalog read raw-file URLs of the git host ({@code <base>/git/<name>.git/raw/<branch>/<path>},
 * where {@code catalog:register} points for a new service) straight from the repository: the same bytes
 * {@link RawFiles} serves, without the catalog calling this application over loopback HTTP.
 */
@Component
class HostedFiles implements UrlReader {

	private final GitRepositories repositories;

	private final Environment environment;

	HostedFiles(GitRepositories repositories, Environment environment) {
		this.repositories = repositories;
		this.environment = environment;
	}

	@Override
	public boolean serves(URI url) {
		if (url.getHost() == null || url.getRawPath() == null || !url.getRawPath().startsWith(GitRepositories.PATH + "/")
				|| !url.getRawPath().contains(RawFiles.MARKER) || url.getRawQuery() != null) {
			return false;
		}
		return isOwn(url);
	}

	@Override
	public Optional<byte[]> read(URI url) throws IOException {
		Optional<RawFiles.Target> target = RawFiles.parse(URLDecoder.decode(url.getRawPath(), StandardCharsets.UTF_8));
		if (target.isEmpty()) {
			return Optional.empty();
		}
		return repositories.readFile(target.get().name(), target.get().revision(), target.get().file());
	}

	/** The base URL's scheme, host and port; or, with no base URL set, this server on a loopback name. */
	private boolean isOwn(URI url) {
		URI base = URI.create(repositories.baseUrl());
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals(base.getScheme()) && url.getHost().equalsIgnoreCase(base.getHost())
				&& port(url) == port(base)) {
			return true;
		}
		String local = environment.getProperty("local.server.port");
		String host = url.getHost().toLowerCase(Locale.ROOT);
		return scheme.equals("http") && local != null && Integer.toString(port(url)).equals(local)
				&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
