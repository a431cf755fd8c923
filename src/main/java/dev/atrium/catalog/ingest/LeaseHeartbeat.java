package dev.atrium.catalog.ingest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.atrium.catalog.store.LocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a claimed location's lease while its refresh runs: renews it every quarter of its length, so
 * a refresh however long never loses its location to another instance, while an instance that dies
 * stops renewing and its location is taken over when the lease runs out. Says when the lease was
 * lost all the same (a pause longer than the lease), so the refresh stops reading.
 */
final class LeaseHeartbeat implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

	private final LocationStore locations;

	private final UUID id;

	private final String owner;

	private final Duration lease;

	private final ScheduledFuture<?> beat;

	private volatile boolean held = true;

	LeaseHeartbeat(LocationStore locations, ScheduledExecutorService timer, UUID id, String owner, Duration lease) {
		this.locations = locations;
		this.id = id;
		this.owner = owner;
		this.lease = lease;
		long period = Math.max(100, lease.toMillis() / 4);
		this.beat = timer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	private void renew() {
		try {
			if (held && !locations.renew(id, owner, lease)) {
				held = false;
				log.warn("Location {} was claimed by another instance during its refresh; this one stops reading it", id);
			}
		}
		catch (RuntimeException ex) {
			// The next beat tries again; the lease is long enough for a few missed ones.
			log.warn("Could not renew the lease of location {}: {}", id, ex.getMessage());
		}
	}

	/** Whether this instance still holds the location. */
	boolean held() {
		return held;
	}

	@Override
	public void close() {
		beat.cancel(false);
	}

}
