package dev.atrium.catalog.ingest;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.EntitiesChanged;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.catalog.descriptor.EntityPipeline.Processed;
import dev.atrium.catalog.ingest.LocationRefresher.Report;
import dev.atrium.catalog.store.EntityWriter;
import dev.atrium.catalog.store.LocationStore;
import dev.atrium.catalog.store.LocationStore.Location;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What users and the scheduler do with locations: register (with a dry run first if they like),
 * refresh, unregister. Refresh work is claimed through PostgreSQL, so several instances share it and
 * never refresh one location at once: a lease, renewed while its refresh runs however long it takes;
 * a dead instance stops renewing, and another takes over once its lease runs out. A user asking for a
 * refresh only marks the location due: the refresh itself runs in the background.
 */
@Component
public class Ingestion {

	private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

	/** Entities written or removed in one refresh after which the catalog's statistics are refreshed. */
	private static final int ANALYZE_AFTER = 5_000;

	/** A registration's outcome: the location and the entities read from its target so far. */
	public record Registration(Location location, List<String> refs, List<Problem> problems) {
	}

	/** A dry run's outcome: the entities that would be stored, and what is wrong. */
	public record Preview(List<Processed> entities, List<Problem> problems) {
	}

	private final LocationStore locations;

	private final LocationRefresher refresher;

	private final LocationReader reader;

	private final EntityPipeline pipeline;

	private final EntityWriter writer;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final CatalogProperties properties;

	private final String instance;

	/** How long a claim holds without renewal: an instance that dies holds its location this long at most. */
	private final Duration lease;

	private final LocationPreview preview;

	/** Renews the leases of running refreshes. */
	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
			daemon("catalog-lease"));

	/** Runs the refreshes users ask for, off their request. */
	private final ExecutorService waker = Executors.newSingleThreadExecutor(daemon("catalog-refresh-request"));

	private final AtomicBoolean wakePending = new AtomicBoolean();

	public Ingestion(LocationStore locations, LocationRefresher refresher, LocationReader reader, EntityPipeline pipeline,
			EntityWriter writer, TransactionTemplate tx, ApplicationEventPublisher events, CatalogProperties properties) {
		this.locations = locations;
		this.refresher = refresher;
		this.reader = reader;
		this.pipeline = pipeline;
		this.writer = writer;
		this.tx = tx;
		this.events = events;
		this.properties = properties;
		this.instance = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
		this.lease = properties.refreshLease();
		this.preview = new LocationPreview(reader, pipeline, properties);
	}

	@PreDestroy
	void stop() {
		waker.shutdownNow();
		heartbeats.shutdownNow();
	}

	/**
	 * Registers a location a user gave, reads its target at once and schedules the files it leads to.
	 * @throws InputException when the type is not allowed or the target is refused
	 * @throws ConflictException when it is registered already
	 */
	public Registration register(String type, String target, String createdBy) {
		String checkedType = checkUserType(type);
		String checkedTarget = checkTarget(checkedType, target);
		return registerChecked(checkedType, checkedTarget, "user", createdBy);
	}

	/** Registers a location from inside the application (the demo catalog), whatever its type. */
	public Registration registerInternal(String type, String target, String origin) {
		return registerChecked(type, target, origin, "atrium");
	}

	private Registration registerChecked(String type, String target, String origin, String createdBy) {
		Location location = locations.create(type, target, origin, createdBy);
		Optional<Location> claimed = locations.claim(location.id(), instance, lease);
		if (claimed.isEmpty()) {
			return new Registration(location, List.of(), List.of());
		}
		Report report;
		try (LeaseHeartbeat heartbeat = new LeaseHeartbeat(locations, heartbeats, location.id(), instance, lease)) {
			report = refresher.refresh(claimed.get(), true, heartbeat::held);
		}
		finally {
			locations.release(location.id(), instance);
		}
		return new Registration(locations.find(location.id()).orElse(location), report.rootRefs(), report.problems());
	}

	/**
	 * Points a location at a new target, keeping its id; its entities are read from there in a moment,
	 * in the background (Backstage leaves entities stuck on a renamed file's old location).
	 */
	public Location move(UUID id, String type, String target) {
		String checkedType = checkUserType(type);
		String checkedTarget = checkTarget(checkedType, target);
		locations.move(id, checkedType, checkedTarget);
		requestRefresh(id);
		return locations.find(id).orElseThrow(() -> new NotFoundException("Found no location with id " + id));
	}

	/**
	 * Reads a target, and the files its Location entities lead to, and processes what they hold without
	 * storing anything.
	 * @throws InputException when the type is not allowed, or the target is refused or cannot be read
	 */
	public Preview dryRun(String type, String target) {
		String checkedType = checkUserType(type);
		return preview.of(checkedType, checkTarget(checkedType, target));
	}

	/** Unregisters a location and removes everything it emitted. */
	public void unregister(UUID id) {
		Location location = locations.find(id).orElseThrow(() -> new NotFoundException("Found no location with id " + id));
		List<String> removed = tx.execute(status -> {
			List<String> refs = writer.removeLocation(location.id());
			locations.delete(location.id());
			return refs;
		});
		log.info("Unregistered location {} ({} entities removed)", location.ref(), removed.size());
		if (!removed.isEmpty()) {
			events.publishEvent(new EntitiesChanged(List.of(), removed));
		}
	}

	/**
	 * Asks for a location to be read again, ignoring what earlier reads saw. Returns at once: the
	 * refresh runs in the background, on whichever instance claims it first.
	 */
	public void requestRefresh(UUID id) {
		locations.requestRefresh(id, true);
		wake();
	}

	/**
	 * Asks for one file of a location ({@code type:target}, an entity's source) to be read again; the
	 * location's other files are read only if they changed. Returns at once, as {@link #requestRefresh(UUID)}.
	 */
	public void requestRefresh(UUID id, String source) {
		locations.requestRefresh(id, source);
		wake();
	}

	/**
	 * Reads a location again now, on the caller's thread, ignoring what earlier reads saw: for callers
	 * inside the application (an entity provider's update) that go on once the catalog has it.
	 */
	public void refreshNow(UUID id) {
		locations.requestRefresh(id, true);
		refreshDue();
	}

	/** Refreshes what is due now in the background, instead of at the next poll; repeated asks are merged. */
	private void wake() {
		if (!wakePending.compareAndSet(false, true)) {
			return;
		}
		try {
			waker.execute(() -> {
				wakePending.set(false);
				try {
					refreshDue();
				}
				catch (RuntimeException ex) {
					log.error("Refreshing the locations due failed", ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			wakePending.set(false); // shutting down: the next instance's poll picks it up
		}
	}

	/** Refreshes every location that is due, one at a time; runs every second on every instance. */
	@Scheduled(fixedDelayString = "${atrium.catalog.poll-interval:1s}", initialDelayString = "${atrium.catalog.poll-interval:1s}")
	public synchronized void refreshDue() {
		Optional<Location> due;
		while ((due = locations.claimDue(instance, lease)).isPresent()) {
			refresh(due.get());
		}
	}

	private void refresh(Location location) {
		long started = System.nanoTime();
		Report report;
		try (LeaseHeartbeat heartbeat = new LeaseHeartbeat(locations, heartbeats, location.id(), instance, lease)) {
			report = refresher.refresh(location, false, heartbeat::held);
		}
		catch (RuntimeException ex) {
			log.error("Refreshing location {} failed", location.ref(), ex);
			locations.finish(location.id(), instance, "error", "Refresh failed unexpectedly: " + ex.getMessage(),
					location.entityCount(), location.errorCount() + 1, nextInterval(), false);
			return;
		}
		int entities = countEntities(location.id());
		List<Problem> problems = report.problems();
		String status = !report.rootRead() || report.incomplete() != null ? "error" : problems.isEmpty() ? "ok" : "warning";
		// A refresh cut short says so first: the rest of the location is as the last complete refresh left it.
		Problem first = report.incomplete() != null ? report.incomplete() : problems.isEmpty() ? null : problems.get(0);
		String message = first == null ? null
				: first.message() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "");
		locations.finish(location.id(), instance, status, message, entities, problems.size(), nextInterval(),
				report.rootRead());
		if (report.written() + report.removed() > ANALYZE_AFTER) {
			// Statistics from before a bulk load make the planner pick poor plans until autovacuum runs.
			locations.analyze();
		}
		long ms = (System.nanoTime() - started) / 1_000_000;
		if (first != null) {
			log.warn("Location {} has {} problems; the first: {}", location.ref(), problems.size(), first.message());
		}
		if (report.written() > 0 || report.removed() > 0) {
			log.info("Refreshed {}: {} sources, {} entities written, {} removed, {} problems in {} ms", location.ref(),
					report.sources(), report.written(), report.removed(), problems.size(), ms);
		}
	}

	private int countEntities(UUID locationId) {
		return tx.execute(status -> locations.entityCount(locationId));
	}

	private Duration nextInterval() {
		// Spread refreshes so locations registered together do not stay in lockstep.
		long base = properties.refreshInterval().toMillis();
		return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 4)));
	}

	private static String checkUserType(String type) {
		String t = type == null || type.isBlank() ? "url" : type.trim();
		if (!LocationReader.USER_TYPES.contains(t)) {
			throw new InputException("Location type '" + t + "' is not allowed; use url or file");
		}
		return t;
	}

	private String checkTarget(String type, String target) {
		if (target == null || target.isBlank()) {
			throw new InputException("A location needs a target: the URL or path of a catalog-info.yaml");
		}
		String trimmed = target.trim();
		try {
			LocationReader.checkLength(trimmed);
			reader.checkAllowed(type, trimmed);
		}
		catch (LocationReader.RefusedException ex) {
			throw new InputException(ex.getMessage());
		}
		return type.equals("file") ? java.nio.file.Path.of(trimmed).normalize().toString() : trimmed;
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "atrium";
		}
	}

	static Map<String, Object> describe(Location location) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", location.id().toString());
		map.put("type", location.type());
		map.put("target", location.target());
		return map;
	}

}
