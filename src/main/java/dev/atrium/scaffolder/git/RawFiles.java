package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves a file of a hosted repository as it is at a branch, tag or commit:
 * {@code GET /git/<name>.git/raw/<revision>/<path>}, the URL the catalog registers a new service's
 * {@code catalog-info.yaml} under. Always {@code text/plain} with {@code nosniff}, so a file committed by
 * a template can never run as a page of the portal. A clone URL opened in a browser
 * ({@code GET /git/<name>.git}) leads to the repository's page. Everything else goes on to the git protocol.
 */
class RawFiles extends OncePerRequestFilter {

	static final String MARKER = ".git/raw/";

	private final GitRepositories repositories;

	private final GitAccess access;

	RawFiles(GitRepositories repositories, GitAccess access) {
		this.repositories = repositories;
		this.access = access;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String page = pageOf(path);
		if (page != null && "GET".equals(request.getMethod())) {
			response.sendRedirect(request.getContextPath() + GitRepositories.PAGES + "/" + page);
			return;
		}
		int marker = path.indexOf(MARKER);
		if (marker < 0 || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Target> target = parse(URLDecoder.decode(path, StandardCharsets.UTF_8));
		Optional<byte[]> bytes = Optional.empty();
		if (target.isPresent() && access.mayRead(access.caller(), target.get().name())) {
			bytes = repositories.readFile(target.get().name(), target.get().revision(), target.get().file());
		}
		if (bytes.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such file");
			return;
		}
		response.setContentType("text/plain;charset=UTF-8");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-cache");
		response.setContentLength(bytes.get().length);
		if ("GET".equals(request.getMethod())) {
			response.getOutputStream().write(bytes.get());
		}
	}

	/** {@code /git/<name>.git} (a clone URL opened in a browser) to the name, else null. */
	static String pageOf(String path) {
		String prefix = GitRepositories.PATH + "/";
		if (!path.startsWith(prefix)) {
			return null;
		}
		String rest = path.substring(prefix.length());
		rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
		return GitHostConfiguration.nameOf(rest);
	}

	/** A raw file's place: repository, revision (one path segment) and file path. */
	record Target(String name, String revision, String file) {
	}

	/** Reads {@code /git/<name>.git/raw/<revision>/<path>}; empty when it is not that shape. */
	static Optional<Target> parse(String path) {
		String prefix = GitRepositories.PATH + "/";
		int marker = path.indexOf(MARKER);
		if (!path.startsWith(prefix) || marker < prefix.length()) {
			return Optional.empty();
		}
		String name = GitHostConfiguration.nameOf(path.substring(prefix.length(), marker + 4));
		String rest = path.substring(marker + MARKER.length());
		int slash = rest.indexOf('/');
		if (name == null || slash <= 0 || slash == rest.length() - 1) {
			return Optional.empty();
		}
		String file = rest.substring(slash + 1);
		for (String segment : file.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return Optional.empty();
			}
		}
		return Optional.of(new Target(name, rest.substring(0, slash), file));
	}

}
