package dev.atrium.scaffolder.git;

import java.io.IOException;

import dev.atrium.platform.Identity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a push before JGit sees it when the caller may not push, answering as git clients expect: a
 * 401 with a Basic challenge for nobody (so {@code git push} asks for a user and token and tries
 * again), a 403 for a caller who is known but not allowed. Both steps of a push are covered: the ref
 * advertisement ({@code info/refs?service=git-receive-pack}) and the pack itself.
 */
class PushGate extends OncePerRequestFilter {

	private final GitAccess access;

	PushGate(GitAccess access) {
		this.access = access;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean push = path.endsWith("/git-receive-pack")
				|| (path.endsWith("/info/refs") && "git-receive-pack".equals(request.getParameter("service")));
		if (!push) {
			chain.doFilter(request, response);
			return;
		}
		String name = GitHostConfiguration.nameOf(repositoryPart(path));
		Identity caller = access.caller();
		if (name != null && !access.mayPush(caller, name)) {
			if (caller.authenticated()) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN, "You may not push to " + name);
			}
			else {
				response.setHeader("WWW-Authenticate", "Basic realm=\"Atrium git\"");
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in (user name and API token) to push");
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/** {@code /git/<name>.git/...} to {@code <name>.git}. */
	static String repositoryPart(String path) {
		String rest = path.substring(GitRepositories.PATH.length() + 1);
		int slash = rest.indexOf('/');
		return slash < 0 ? rest : rest.substring(0, slash);
	}

}
