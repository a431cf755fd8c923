package dev.atrium.workflows.openlineage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RunEvents with group commit: request threads hand in their (already validated) events and
 * wait; a writer thread takes everything that queued up meanwhile, up to a batch limit, and writes
 * it in one transaction of six set-based statements (jobs, datasets, edges, runs, DAG runs derived
 * from their tasks, job summaries). With several writer threads, one writes while another waits for
 * its commit to reach the disk; their transactions are like those of two instances. A request is answered once its events are committed, so
 * nothing acknowledged lives only in memory. Under load batches grow and each event costs a
 * fraction of a round trip; alone, an event costs one short transaction.
 * <p>
 * A batch the database refuses is retried request by request, so one bad request cannot fail the
 * others; deadlocks with another instance are retried.
 */
public final class RunWriter implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RunWriter.class);

	private final BlockingQueue<Pending> queue;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final int maxBatch;

	private final Duration timeout;

	private final int recentRuns;

	private final Consumer<Touched> committed;

	private final List<Thread> threads = new ArrayList<>();

	private final ReentrantLock taking = new ReentrantLock();

	private volatile boolean running = true;

	/**
	 * @param recentRuns how many of a job's latest runs its row keeps (states and durations, for the index)
	 * @param writers how many writer threads take batches from the queue (each writes in its own
	 *     transaction, as instances do; while one waits for its commit to be flushed, another writes)
	 * @param committed told which pipelines a committed batch touched
	 */
	public RunWriter(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, int maxBatch, int queueSize,
			Duration timeout, int recentRuns, int writers, Consumer<Touched> committed) {
		this.recentRuns = recentRuns;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.maxBatch = maxBatch;
		this.timeout = timeout;
		this.committed = committed;
		this.queue = new ArrayBlockingQueue<>(queueSize);
		for (int i = 0; i < Math.max(1, writers); i++) {
			Thread thread = new Thread(this::loop, "workflows-run-writer-" + (i + 1));
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
	}

	/**
	 * Stores events and returns once they are committed.
	 * @throws WriteRefusedException when the queue is full or the write did not finish in time
	 */
	public void write(List<RunEvent> events) {
		try {
			submit(events).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WriteRefusedException("Interrupted while writing lineage events");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Hands events to the writers; the future completes once they are committed, or exceptionally with
	 * a {@link WriteRefusedException} when the queue is full or the write did not finish in time. Request
	 * threads do not wait for it: the request is answered when it completes.
	 */
	public CompletableFuture<Void> submit(List<RunEvent> events) {
		Pending pending = new Pending(events, new CompletableFuture<>());
		if (!running || !queue.offer(pending)) {
			return CompletableFuture.failedFuture(new WriteRefusedException("Atrium is busy writing lineage events; retry shortly"));
		}
		return pending.done().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(ex -> {
			Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null ? ex.getCause() : ex;
			if (cause instanceof TimeoutException) {
				return CompletableFuture.failedFuture(new WriteRefusedException("Writing lineage events took longer than "
						+ timeout.toSeconds() + " s; they may or may not be stored, and sending them again is safe"));
			}
			return CompletableFuture.failedFuture(cause);
		}).thenApply(done -> null);
	}

	private void loop() {
		List<Pending> group = new ArrayList<>();
		while (running) {
			try {
				// One writer at a time takes a batch (peek and poll must see the same head); writing is parallel.
				taking.lockInterruptibly();
				try {
					Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					group.add(first);
					int events = first.events().size();
					Pending next;
					while (events < maxBatch && (next = queue.peek()) != null && events + next.events().size() <= maxBatch) {
						group.add(queue.poll());
						events += next.events().size();
					}
				}
				finally {
					taking.unlock();
				}
				writeGroup(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | Error ex) {
				log.error("The lineage writer failed", ex);
				group.forEach(p -> p.done().completeExceptionally(ex));
			}
			finally {
				group.clear();
			}
		}
	}

	private void writeGroup(List<Pending> group) {
		List<RunEvent> all = new ArrayList<>();
		group.forEach(p -> all.addAll(p.events()));
		try {
			writeWithRetry(all);
			group.forEach(p -> p.done().complete(null));
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				log.error("Could not store {} lineage events", all.size(), ex);
				group.get(0).done().completeExceptionally(ex);
				return;
			}
			for (Pending p : group) {
				try {
					writeWithRetry(p.events());
					p.done().complete(null);
				}
				catch (RuntimeException one) {
					log.error("Could not store {} lineage events", p.events().size(), one);
					p.done().completeExceptionally(one);
				}
			}
		}
	}

	private void writeWithRetry(List<RunEvent> events) {
		RunBatch batch = new RunBatch(json, events);
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(status -> store(batch));
				break;
			}
			catch (TransientDataAccessException ex) {
				if (attempt >= 3) {
					throw ex;
				}
				log.debug("Retrying a lineage batch after {}", ex.getMessage());
			}
		}
		try {
			committed.accept(new Touched(batch.pipelines(), batch.pipelineIds()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not report changed pipelines", ex);
		}
	}

	private void store(RunBatch batch) {
		// Plans by key whatever the tables' size when they were planned (see INDEX_PLANS).
		jdbc.sql(RunStatements.INDEX_PLANS).query(String.class).single();
		jdbc.sql(RunStatements.JOBS).param(batch.jobsJson()).update();
		String datasets = batch.datasetsJson();
		if (!"[]".equals(datasets)) {
			jdbc.sql(RunStatements.DATASETS).param(datasets).update();
			jdbc.sql(RunStatements.EDGES).param(batch.edgesJson()).update();
		}
		jdbc.sql(RunStatements.RUNS).param(batch.runsJson()).update();
		String parents = batch.parentRunIds();
		if (!"{}".equals(parents)) {
			jdbc.sql(RunStatements.DERIVED_PARENTS).param(parents).update();
		}
		jdbc.sql(RunStatements.JOB_SUMMARIES).param(batch.runIds()).param(batch.jobIds()).param(recentRuns).update();
	}

	@Override
	public void close() {
		running = false;
		threads.forEach(Thread::interrupt);
		Pending p;
		while ((p = queue.poll()) != null) {
			p.done().completeExceptionally(new WriteRefusedException("Atrium is shutting down"));
		}
	}

	private record Pending(List<RunEvent> events, CompletableFuture<Void> done) {
	}

	/** The events were not taken (busy, shutting down, too slow): a 503, safe to retry. */
	public static final class WriteRefusedException extends RuntimeException {

		public WriteRefusedException(String message) {
			super(message);
		}

	}

	/** The pipelines (top-level jobs) a committed batch touched, as namespace/name and by id. */
	public record Touched(java.util.Set<String> keys, java.util.Set<java.util.UUID> ids) {
	}

}
