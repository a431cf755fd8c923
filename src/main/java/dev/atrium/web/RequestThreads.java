package dev.atrium.web;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that process HTTP requests: a fixed number of platform threads (ADR 0011), with the
 * requests beyond them waiting in arrival order. Each task remembers when it was handed over, so
 * {@link QueueTimeout} can tell a request that waited too long to come back later.
 *
 * <p>Requests that mostly wait (OpenLineage events waiting for their group commit, git transfers,
 * event streams) are asynchronous and give their thread back while they wait, so a small pool is
 * enough for everything else.
 */
final class RequestThreads implements Executor, AutoCloseable {

	private static final ThreadLocal<long[]> QUEUED_AT = ThreadLocal.withInitial(() -> new long[1]);

	private final ThreadPoolExecutor pool;

	RequestThreads(int threads) {
		AtomicInteger count = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
			Thread thread = new Thread(runnable, "http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void execute(Runnable task) {
		long queuedAt = System.nanoTime();
		pool.execute(() -> {
			long[] slot = QUEUED_AT.get();
			slot[0] = queuedAt;
			try {
				task.run();
			}
			finally {
				slot[0] = 0;
			}
		});
	}

	/** How long the request on the current thread waited for it, in nanoseconds (0 off the pool). */
	static long waitedNanos() {
		long queuedAt = QUEUED_AT.get()[0];
		return queuedAt == 0 ? 0 : System.nanoTime() - queuedAt;
	}

	/** Requests being processed now. */
	int active() {
		return pool.getActiveCount();
	}

	/** Requests waiting for a thread. */
	int waiting() {
		return pool.getQueue().size();
	}

	@Override
	public void close() {
		pool.shutdown();
		try {
			pool.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		pool.shutdownNow();
	}

}
