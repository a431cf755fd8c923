package dev.atrium.workflows.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.workflows.WorkflowsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which catalog entity owns which pipeline: entities annotated {@code openlineage.io/job:
 * <namespace>/<name>}, read through the platform's EntityLookup (never the catalog module). The
 * pipelines index needs every owner on every request, so the map is kept and read again every
 * {@code atrium.workflows.owner-refresh}, in the background once it exists: a page never waits for
 * the catalog after the first read.
 */
@Component
public class PipelineOwners {

	public static final String JOB_ANNOTATION = "openlineage.io/job";

	public static final String SCHEDULE_ANNOTATION = "atrium.io/schedule";

	public static final String GRACE_ANNOTATION = "atrium.io/schedule-grace";

	private static final Logger log = LoggerFactory.getLogger(PipelineOwners.class);

	private static final int MAX_OWNERS = 100_000;

	private final ObjectProvider<EntityLookup> catalog;

	private final Duration refresh;

	private final Clock clock;

	private final AtomicBoolean reading = new AtomicBoolean();

	private volatile Snapshot snapshot;

	/** When each annotated pipeline was first seen: the baseline of one that never reported (this instance's memory). */
	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	public PipelineOwners(ObjectProvider<EntityLookup> catalog, WorkflowsProperties properties, ObjectProvider<Clock> clock) {
		this.catalog = catalog;
		this.refresh = properties.ownerRefresh();
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** Owners by pipeline key (namespace/name). */
	public Map<String, Ownership> all() {
		Snapshot current = snapshot;
		Instant now = clock.instant();
		if (current == null) {
			return read();
		}
		if (!current.readAt().plus(refresh).isAfter(now) && reading.compareAndSet(false, true)) {
			Thread reader = new Thread(() -> {
				try {
					read();
				}
				catch (RuntimeException ex) {
					log.warn("Could not read pipeline owners from the catalog", ex);
				}
				finally {
					reading.set(false);
				}
			}, "workflows-owners");
			reader.setDaemon(true);
			reader.start();
		}
		return current.owners();
	}

	public Ownership of(String pipelineKey) {
		return all().get(pipelineKey);
	}

	/** Reads the catalog now (the next page sees changes at once). */
	public Map<String, Ownership> read() {
		EntityLookup lookup = catalog.getIfAvailable();
		Map<String, Ownership> owners = new HashMap<>();
		Instant now = clock.instant();
		if (lookup != null) {
			for (Entity entity : lookup.withAnnotation(JOB_ANNOTATION, MAX_OWNERS)) {
				String job = entity.annotation(JOB_ANNOTATION);
				if (job == null || job.indexOf('/') <= 0) {
					continue;
				}
				String key = job.trim();
				owners.putIfAbsent(key, ownership(entity, firstSeen.computeIfAbsent(key, k -> now)));
			}
		}
		Map<String, Ownership> result = Map.copyOf(owners);
		snapshot = new Snapshot(result, now);
		return result;
	}

	/**
	 * Reads the owners again and tells which pipelines' ownership changed since the last read (an owner,
	 * title, system or schedule changed; an annotation appeared or went). One query for the annotated
	 * entities, however many entities changed: a full ingestion announces hundreds of thousands.
	 */
	public Set<String> reread() {
		Snapshot before = snapshot;
		Map<String, Ownership> after = read();
		Set<String> changed = new HashSet<>();
		Map<String, Ownership> previous = before == null ? Map.of() : before.owners();
		after.forEach((job, o) -> {
			if (!o.equals(previous.get(job))) {
				changed.add(job);
			}
		});
		previous.keySet().stream().filter(job -> !after.containsKey(job)).forEach(changed::add);
		return changed;
	}

	static Ownership ownership(Entity entity, Instant since) {
		return new Ownership(entity.ref(), entity.title(), entity.description(), ref(entity, "owner", "group"),
				ref(entity, "system", "system"), entity.annotation(SCHEDULE_ANNOTATION), entity.annotation(GRACE_ANNOTATION),
				since);
	}

	private static EntityRef ref(Entity entity, String field, String kind) {
		String value = Entity.string(entity.spec().get(field));
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return EntityRef.parse(value, kind, entity.namespace());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Snapshot(Map<String, Ownership> owners, Instant readAt) {
	}

}
