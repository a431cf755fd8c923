package dev.atrium.search.index;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import dev.atrium.platform.SearchDocument;
import dev.atrium.platform.SearchDocumentsChanged;
import dev.atrium.platform.SearchSource;
import dev.atrium.search.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the index current. Changes a source announces are queued in PostgreSQL and indexed within
 * about a second (instances share the queue through {@code FOR UPDATE SKIP LOCKED}); a full rebuild
 * (on a schedule, or on request) writes a new generation while queries read the old one and then
 * switches in one transaction. A build is claimed with a lease, so one instance does it, and a dead
 * instance's build is taken over once its lease runs out.
 */
@Component
public class Indexer {

	private static final Logger log = LoggerFactory.getLogger(Indexer.class);

	private static final int CHANGES_PER_TRANSACTION = 500;

	private final ObjectProvider<SearchSource> sources;

	private final IndexStore store;

	private final Vocabulary vocabulary;

	private final TransactionTemplate tx;

	private final SearchProperties properties;

	private final String owner;

	private final Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

	Indexer(ObjectProvider<SearchSource> sources, IndexStore store, Vocabulary vocabulary, TransactionTemplate tx,
			SearchProperties properties) {
		this.sources = sources;
		this.store = store;
		this.vocabulary = vocabulary;
		this.tx = tx;
		this.properties = properties;
		this.owner = host() + "/" + UUID.randomUUID();
	}

	/** Every source by type. */
	public Map<String, SearchSource> sources() {
		Map<String, SearchSource> byType = new LinkedHashMap<>();
		sources.orderedStream().forEach(s -> byType.putIfAbsent(s.type(), s));
		byType.keySet().forEach(type -> {
			if (registered.add(type)) {
				store.register(type);
			}
		});
		return byType;
	}

	@EventListener
	void on(SearchDocumentsChanged changed) {
		if (!sources().containsKey(changed.type())) {
			log.debug("Ignoring changes of unknown search type {}", changed.type());
			return;
		}
		List<String> ids = changed.ids();
		for (int i = 0; i < ids.size(); i += 5_000) {
			store.queue(changed.type(), ids.subList(i, Math.min(ids.size(), i + 5_000)));
		}
	}

	/** Indexes every change waiting; returns how many were indexed. */
	@Scheduled(fixedDelayString = "${atrium.search.index-interval:1s}", initialDelayString = "${atrium.search.index-interval:1s}")
	public int indexChanges() {
		Map<String, SearchSource> byType = sources();
		Set<String> indexed = new java.util.LinkedHashSet<>(byType.keySet());
		for (SearchSource source : byType.values()) {
			if (store.waiting(source.type(), properties.backlogRebuild() + 1) > properties.backlogRebuild()) {
				rebuildInstead(source.type(), indexed);
			}
		}
		Map<String, Integer> counts = new HashMap<>();
		int total = 0;
		while (!indexed.isEmpty()) {
			Map<String, Integer> done = tx.execute(status -> {
				Map<String, List<String>> claimed = store.claimChanges(indexed, CHANGES_PER_TRANSACTION);
				List<SearchDocument> written = new ArrayList<>();
				long[] newest = { 0 };
				Map<String, Integer> sizes = new HashMap<>();
				claimed.forEach((type, ids) -> {
					SearchSource source = byType.get(type);
					if (source != null) {
						newest[0] = Math.max(newest[0], apply(source, ids, written));
					}
					sizes.put(type, ids.size());
				});
				vocabulary.add(newest[0], written);
				return sizes;
			});
			int n = done == null ? 0 : done.values().stream().mapToInt(Integer::intValue).sum();
			total += n;
			if (n < CHANGES_PER_TRANSACTION) {
				break;
			}
			done.forEach((type, size) -> {
				if (counts.merge(type, size, Integer::sum) > properties.backlogRebuild()) {
					rebuildInstead(type, indexed);
				}
			});
		}
		return total;
	}

	/**
	 * A backlog this long, or this many changes arriving while they are indexed (a whole catalog being
	 * registered, say), is indexed faster, and without taking CPU from the ingestion, by one rebuild once
	 * they have all arrived ({@link #rebuildDue}): its changes wait meanwhile, and the rebuild forgets
	 * them when it starts. Other sources go on being indexed.
	 */
	private void rebuildInstead(String type, Set<String> indexed) {
		indexed.remove(type);
		if (store.requestRebuildUnlessUnderWay(type)) {
			log.info("More than {} changes of {} arrived at once; its index will be rebuilt instead", properties.backlogRebuild(),
					type);
		}
	}

	/** Indexes the current state of some documents; the newest generation written. */
	private long apply(SearchSource source, List<String> ids, List<SearchDocument> written) {
		IndexStore.Generations generations = store.lockGenerations(source.type());
		List<SearchDocument> documents = source.documents(ids);
		Set<String> missing = new HashSet<>(ids);
		documents.forEach(d -> missing.remove(d.id()));
		store.write(generations.live(), source.type(), documents, true);
		store.delete(generations.live(), missing);
		written.addAll(documents);
		if (generations.building() != null) {
			store.write(generations.building(), source.type(), documents, true);
			store.markRemoved(generations.building(), source.type(), missing);
			return generations.building();
		}
		return generations.live();
	}

	/**
	 * Rebuilds every source whose scheduled rebuild is due (or was requested), except one whose backlog
	 * is still growing: a registration still being read is rebuilt once it has arrived (checked every
	 * {@code atrium.search.rebuild-check}), or after two minutes of growth at the latest.
	 */
	@Scheduled(fixedDelayString = "${atrium.search.rebuild-check:15s}", initialDelayString = "${atrium.search.rebuild-delay:2s}")
	public void rebuildDue() {
		sources().values().forEach(source -> {
			if (!stillArriving(source.type())) {
				rebuild(source, true);
			}
		});
	}

	/** Backlog sizes at the last check, and since when each has been growing. */
	private final Map<String, long[]> backlogs = new java.util.concurrent.ConcurrentHashMap<>();

	private boolean stillArriving(String type) {
		int waiting = store.waiting(type, 10_000_000);
		long now = System.nanoTime();
		long[] last = backlogs.get(type);
		boolean growing = waiting > properties.backlogRebuild() && last != null && waiting > last[0];
		long since = growing ? last[1] : now;
		backlogs.put(type, new long[] { waiting, since });
		return growing && now - since < java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
	}

	/** Asks for a rebuild of these types (all when empty) and starts it in the background. */
	public List<String> requestRebuild(Collection<String> types) {
		List<String> chosen = types.isEmpty() ? new ArrayList<>(sources().keySet())
				: types.stream().filter(sources()::containsKey).toList();
		store.requestRebuild(chosen);
		Thread rebuild = new Thread(this::rebuildDue, "search-rebuild");
		rebuild.setDaemon(true);
		rebuild.start();
		return chosen;
	}

	/**
	 * Rebuilds one source into a new generation and switches to it; false when another instance is
	 * building it (or, with {@code onlyIfDue}, when no rebuild is due).
	 */
	public boolean rebuild(SearchSource source, boolean onlyIfDue) {
		String type = source.type();
		long lease = Math.max(5, properties.buildLease().toSeconds());
		// Claimed and its table created at once: increments write to the building generation as soon as they see it.
		Long generation = tx.execute(status -> {
			Long claimed = store.claimBuild(type, owner, lease, onlyIfDue);
			if (claimed != null) {
				store.createBuildTable(claimed);
			}
			return claimed;
		});
		if (generation == null) {
			return false;
		}
		long started = System.nanoTime();
		int count;
		long loaded;
		long indexed;
		try {
			store.deleteAbandoned();
			store.clearChanges(type);
			count = write(source, generation, lease);
			loaded = System.nanoTime();
			store.buildIndexes(generation);
			indexed = System.nanoTime();
			Long old = tx.execute(status -> store.switchTo(type, generation, owner, properties.rebuildInterval().toSeconds()));
			if (old == null) {
				log.warn("Search rebuild of {} lost its claim to another instance; its work is discarded", type);
				store.deleteGeneration(generation);
				return false;
			}
		}
		catch (RuntimeException ex) {
			// Only a generation that never went live is given up: the switch commits or nothing of it does.
			log.warn("Search rebuild of {} failed; the index stays as it was", type, ex);
			store.abandon(type, generation, owner);
			store.deleteGeneration(generation);
			return false;
		}
		try {
			store.analyze(generation);
			vocabulary.prune();
		}
		catch (RuntimeException ex) {
			log.warn("The search index of {} is rebuilt and live, but tidying up after it failed", type, ex);
		}
		long now = System.nanoTime();
		log.info("Rebuilt the search index of {}: {} documents in {} ms (load {} ms, indexes {} ms, switch and analyze {} ms)", type,
				count, (now - started) / 1_000_000, (loaded - started) / 1_000_000, (indexed - loaded) / 1_000_000,
				(now - indexed) / 1_000_000);
		return true;
	}

	/**
	 * Reads the source on this thread and writes on another, a batch per transaction, so reading and
	 * writing overlap and no transaction spans the rebuild.
	 */
	private int write(SearchSource source, long generation, long lease) {
		BlockingQueue<List<SearchDocument>> queue = new ArrayBlockingQueue<>(4);
		List<SearchDocument> end = List.of();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		int[] count = { 0 };
		Thread writer = new Thread(() -> {
			try {
				for (List<SearchDocument> batch = queue.take(); batch != end; batch = queue.take()) {
					if (failure.get() != null) {
						continue; // drain, so the reader never blocks
					}
					try {
						List<SearchDocument> b = batch;
						tx.executeWithoutResult(status -> {
							store.write(generation, source.type(), b, false);
							vocabulary.add(generation, b);
						});
						if (!store.renew(source.type(), generation, owner, lease)) {
							failure.set(new IllegalStateException("the build's claim was taken over"));
						}
					}
					catch (RuntimeException ex) {
						failure.set(ex);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "search-rebuild-writer");
		writer.setDaemon(true);
		writer.start();
		List<SearchDocument> batch = new ArrayList<>(properties.batchSize());
		try {
			source.documents(document -> {
				if (failure.get() != null) {
					throw failure.get();
				}
				batch.add(document);
				count[0]++;
				if (batch.size() >= properties.batchSize()) {
					put(queue, new ArrayList<>(batch));
					batch.clear();
				}
			});
			put(queue, new ArrayList<>(batch));
		}
		finally {
			put(queue, end);
			try {
				writer.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		return count[0];
	}

	private static void put(BlockingQueue<List<SearchDocument>> queue, List<SearchDocument> batch) {
		try {
			queue.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "atrium";
		}
	}

}
