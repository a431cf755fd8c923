package dev.atrium.scaffolder.action.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.atrium.platform.InputException;
import dev.atrium.scaffolder.git.GitHostProperties;
import dev.atrium.scaffolder.git.GitHostProperties.Remote;
import dev.atrium.scaffolder.git.RepositoryName;

/**
 * Where {@code publish:git} pushes, read from its {@code repoUrl} input. Three forms:
 * <ul>
 * <li>a plain name ({@code payments-service}): a new repository on Atrium's own git host;</li>
 * <li>Backstage's RepoUrlPicker form {@code host?owner=x&repo=y}: Atrium's host when {@code host} is
 * this application's (or {@code atrium}), else {@code <scheme>://host/owner/repo.git} on a configured remote;</li>
 * <li>a full {@code http(s)} URL of a configured remote ({@code https://git.example.com/team/svc.git}).</li>
 * </ul>
 * Remotes must be configured ({@code atrium.scaffolder.git.remotes.*}): that is where their credentials
 * come from, and it keeps templates from pushing to arbitrary hosts. Credentials in the URL itself are
 * refused, so they never reach a log or the task's stored input.
 */
sealed interface PublishTarget {

	/** A repository on Atrium's git host. */
	record Hosted(String name) implements PublishTarget {
	}

	/** A repository on another git server. */
	record Pushed(URI url, Remote remote) implements PublishTarget {

		/** The repository's web page: the URL without {@code .git}. */
		String webUrl() {
			String text = url.toString();
			return text.endsWith(".git") ? text.substring(0, text.length() - 4) : text;
		}

	}

	/**
	 * Reads a {@code repoUrl}.
	 * @param ownAuthority this application's {@code host:port}, as its base URL names it
	 * @throws InputException saying what is wrong
	 */
	static PublishTarget parse(String repoUrl, String ownAuthority, GitHostProperties properties) {
		if (repoUrl == null || repoUrl.isBlank()) {
			throw new InputException("repoUrl is required: a repository name, host?owner=x&repo=y, or a URL");
		}
		String value = repoUrl.strip();
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			return url(value, properties);
		}
		if (lower.contains("://") || value.startsWith("git@")) {
			throw new InputException("repoUrl must be an http(s) URL; other transports are not supported");
		}
		int query = value.indexOf('?');
		if (query < 0) {
			return new Hosted(RepositoryName.check(value));
		}
		String host = value.substring(0, query);
		Map<String, String> params = params(value.substring(query + 1));
		String repo = params.get("repo");
		if (repo == null || repo.isBlank()) {
			throw new InputException("repoUrl '" + value + "' names no repo (expected host?owner=x&repo=y)");
		}
		if (host.equalsIgnoreCase("atrium") || host.equalsIgnoreCase(ownAuthority)) {
			return new Hosted(RepositoryName.check(repo));
		}
		Remote remote = remoteFor(host, null, properties).orElseThrow(() -> notConfigured(host));
		String owner = params.get("owner");
		StringBuilder path = new StringBuilder();
		for (String segment : owner == null || owner.isBlank() ? new String[0] : owner.split("/")) {
			path.append('/').append(RepositoryName.check(segment));
		}
		path.append('/').append(RepositoryName.check(repo)).append(".git");
		try {
			return new Pushed(new URI(remote.scheme() + "://" + host + path), remote);
		}
		catch (URISyntaxException ex) {
			throw new InputException("repoUrl '" + value + "' does not make a valid URL");
		}
	}

	private static PublishTarget url(String value, GitHostProperties properties) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InputException("repoUrl is not a valid URL: " + ex.getReason());
		}
		if (uri.getRawUserInfo() != null) {
			throw new InputException("repoUrl must not hold credentials; configure them under "
					+ "atrium.scaffolder.git.remotes.<name>.token");
		}
		if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2 || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			throw new InputException("repoUrl '" + value + "' must be a repository URL such as https://host/owner/repo.git");
		}
		String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
		Remote remote = remoteFor(authority, uri.getScheme(), properties).orElseThrow(() -> notConfigured(authority));
		return new Pushed(uri.normalize(), remote);
	}

	/**
	 * The configured remote for {@code host} or {@code host:port}; a missing port is the scheme's
	 * default ({@code scheme} null: the remote's own scheme).
	 */
	static Optional<Remote> remoteFor(String authority, String scheme, GitHostProperties properties) {
		String wanted = withPort(authority, scheme);
		return properties.remotes()
			.values()
			.stream()
			.filter(r -> r.host() != null && !r.host().isBlank())
			.filter(r -> withPort(r.host(), r.scheme()).equals(scheme == null ? withPort(authority, r.scheme()) : wanted))
			.findFirst();
	}

	private static String withPort(String authority, String scheme) {
		String host = authority.strip().toLowerCase(Locale.ROOT);
		if (host.matches(".*:[0-9]+$") && !host.endsWith("]")) {
			return host;
		}
		return host + ":" + ("http".equalsIgnoreCase(scheme) ? 80 : 443);
	}

	private static InputException notConfigured(String host) {
		return new InputException("No git remote is configured for " + host + "; add it as "
				+ "atrium.scaffolder.git.remotes.<name>.host with its username and token");
	}

	private static Map<String, String> params(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return params;
	}

}
