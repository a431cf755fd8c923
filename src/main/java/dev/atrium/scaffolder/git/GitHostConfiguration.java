package dev.atrium.scaffolder.git;

import java.io.IOException;

import dev.atrium.platform.NavigationEntry;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Serves the hosted repositories over Git's smart HTTP protocol with JGit's servlet ({@link GitTransfers}) at
 * {@code /git/*}, so {@code git clone <base>/git/<name>.git} works with any git client. In front of it,
 * after the security filters: {@link PushGate} (asks for credentials before a push) and {@link RawFiles}
 * ({@code /git/<name>.git/raw/<branch>/<path>}).
 */
@Configuration(proxyBeanMethods = false)
class GitHostConfiguration {

	@Bean
	ServletRegistrationBean<GitTransfers> gitServlet(GitRepositories repositories, GitAccess access) {
		GitTransfers servlet = new GitTransfers(access, 32);
		servlet.setRepositoryResolver((HttpServletRequest request, String path) -> {
			String name = nameOf(path);
			if (name == null || !access.mayRead(servlet.callerOf(request), name)) {
				throw new RepositoryNotFoundException(path);
			}
			try {
				return repositories.open(name).orElseThrow(() -> new RepositoryNotFoundException(path));
			}
			catch (IOException ex) {
				throw new RepositoryNotFoundException(path, ex);
			}
		});
		servlet.setReceivePackFactory((HttpServletRequest request, Repository db) -> {
			var caller = servlet.callerOf(request);
			String name = db.getDirectory().getName().replaceFirst("\\.git$", "");
			if (!access.mayPush(caller, name)) {
				throw new ServiceNotAuthorizedException();
			}
			ReceivePack receive = new ReceivePack(db);
			receive.setRefLogIdent(new PersonIdent(caller.displayName(), caller.name()));
			receive.setAllowNonFastForwards(false);
			receive.setAllowDeletes(false);
			return receive;
		});
		ServletRegistrationBean<GitTransfers> registration = new ServletRegistrationBean<>(servlet,
				GitRepositories.PATH + "/*");
		registration.setName("atriumGitHost");
		registration.setLoadOnStartup(1);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean
	NavigationEntry repositoriesNavigation() {
		return new NavigationEntry("Repositories", "git", GitRepositories.PAGES, 35);
	}

	@Bean
	FilterRegistrationBean<PushGate> gitPushGate(GitAccess access) {
		FilterRegistrationBean<PushGate> registration = new FilterRegistrationBean<>(new PushGate(access));
		registration.addUrlPatterns(GitRepositories.PATH + "/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RawFiles> gitRawFiles(GitRepositories repositories, GitAccess access) {
		FilterRegistrationBean<RawFiles> registration = new FilterRegistrationBean<>(new RawFiles(repositories, access));
		registration.addUrlPatterns(GitRepositories.PATH + "/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

	/** {@code <name>.git} to the repository name, or null when it is not one (nested paths, bad names). */
	static String nameOf(String path) {
		if (path == null || !path.endsWith(".git") || path.contains("/")) {
			return null;
		}
		return RepositoryName.isValid(path) ? RepositoryName.check(path) : null;
	}

}
