package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atrium.platform.Identity;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jgit.http.server.GitServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGit's {@link GitServlet}, run on threads of its own: a clone or push streams for as long as the
 * network takes, and the few request threads of the app (ADR 0011) are for pages and API calls. The
 * request goes asynchronous and a transfer thread serves it; the caller is settled on the request
 * thread first ({@link #CALLER}), where the security filters put it.
 */
final class GitTransfers extends GitServlet {

	private static final Logger log = LoggerFactory.getLogger(GitTransfers.class);

	/** Request attribute holding the caller, as the security filters saw it. */
	static final String CALLER = GitTransfers.class.getName() + ".caller";

	private final transient GitAccess access;

	private final transient ThreadPoolExecutor transfers;

	GitTransfers(GitAccess access, int maxTransfers) {
		this.access = access;
		AtomicInteger count = new AtomicInteger();
		this.transfers = new ThreadPoolExecutor(0, maxTransfers, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
			Thread thread = new Thread(runnable, "git-transfer-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The caller of a git request. */
	Identity callerOf(HttpServletRequest request) {
		return request.getAttribute(CALLER) instanceof Identity caller ? caller : access.caller();
	}

	@Override
	public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
		if (!request.isAsyncSupported() || request.getDispatcherType() != DispatcherType.REQUEST) {
			super.service(request, response);
			return;
		}
		request.setAttribute(CALLER, access.caller());
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(TimeUnit.HOURS.toMillis(1));
		try {
			transfers.execute(() -> serve(async));
		}
		catch (RejectedExecutionException ex) {
			HttpServletResponse http = (HttpServletResponse) response;
			http.setHeader("Retry-After", "5");
			http.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many git transfers at once; try again shortly");
			async.complete();
		}
	}

	private void serve(AsyncContext async) {
		try {
			super.service(async.getRequest(), async.getResponse());
		}
		catch (IOException | ServletException | RuntimeException ex) {
			log.warn("git transfer failed: {}", ex.getMessage());
			HttpServletResponse http = (HttpServletResponse) async.getResponse();
			if (!http.isCommitted()) {
				http.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			}
		}
		finally {
			async.complete();
		}
	}

	@Override
	public void destroy() {
		transfers.shutdownNow();
		super.destroy();
	}

}
