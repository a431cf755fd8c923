package dev.atrium.catalog.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.catalog.store.LocationStore.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refresh work is claimed through PostgreSQL: two workers (two instances, or two threads) never
 * hold the same location, a locked row is skipped rather than waited for, and a lease that runs out
 * (its instance died) can be claimed again. These call {@link LocationStore} as
 * {@code Ingestion.refreshDue} does, each worker under its own owner name.
 */
class LocationLeaseTests extends CatalogApplicationTest {

	private static final Duration LEASE = Duration.ofMinutes(15);

	@Autowired
	TransactionTemplate tx;

	private final ExecutorService workers = Executors.newFixedThreadPool(8);

	@BeforeEach
	void nothingElseIsDue() {
		// Other tests' locations share the database; only this test's may be due.
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() + interval '1 day', lease_owner = NULL, "
				+ "lease_until = NULL").update();
	}

	@AfterEach
	void stopWorkers() {
		workers.shutdownNow();
	}

	@Test
	void twoWorkersNeverClaimTheSameLocation() throws Exception {
		List<UUID> due = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			due.add(create("race-" + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<UUID>>> claims = new ArrayList<>();
		for (int w = 0; w < 8; w++) {
			String owner = "worker-" + w + "-" + token;
			claims.add(workers.submit(() -> {
				start.await();
				List<UUID> mine = new ArrayList<>();
				Optional<Location> claimed;
				while ((claimed = locations.claimDue(owner, LEASE)).isPresent()) {
					mine.add(claimed.get().id());
				}
				return mine;
			}));
		}

		start.countDown();
		List<UUID> all = new ArrayList<>();
		for (Future<List<UUID>> claim : claims) {
			all.addAll(claim.get(30, TimeUnit.SECONDS));
		}

		assertThat(all).containsExactlyInAnyOrderElementsOf(due);
	}

	@Test
	void aLocationLockedByAnotherWorkerIsSkippedNotWaitedFor() throws Exception {
		UUID first = create("first");
		UUID second = create("second");
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() - interval '1 minute' WHERE id = ?").param(first).update();
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<UUID> slow = workers.submit(() -> tx.execute(status -> {
			UUID id = locations.claimDue("slow-" + token, LEASE).orElseThrow().id();
			locked.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
			return id; // the row stays locked until this transaction ends
		}));
		assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

		Future<Optional<Location>> fast = workers.submit((Callable<Optional<Location>>) () -> locations
			.claimDue("fast-" + token, LEASE));

		try {
			assertThat(fast.get(5, TimeUnit.SECONDS)).map(Location::id).contains(second);
		}
		finally {
			release.countDown();
		}
		assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(first);
	}

	@Test
	void aLeasedLocationIsNotClaimedAgainUntilTheLeaseRunsOut() {
		UUID id = create("leased");
		assertThat(locations.claimDue("dead-" + token, Duration.ofSeconds(2))).map(Location::id).contains(id);

		assertThat(locations.claimDue("alive-" + token, LEASE)).isEmpty();
		assertThat(locations.claim(id, "alive-" + token, LEASE)).isEmpty();

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> locations.claimDue("alive-" + token, LEASE).isPresent());
		assertThat(leaseOwner(id)).isEqualTo("alive-" + token);
	}

	@Test
	void aWorkerWhoseLeaseRanOutCannotFinishOverTheNewHolder() {
		UUID id = create("late");
		locations.claimDue("late-" + token, Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> locations.claimDue("new-" + token, LEASE).isPresent());

		locations.finish(id, "late-" + token, "ok", null, 0, 0, Duration.ofHours(1), true);

		assertThat(leaseOwner(id)).isEqualTo("new-" + token);
		assertThat(location(id).status()).isEqualTo("pending");
		locations.finish(id, "new-" + token, "ok", null, 0, 0, Duration.ofHours(1), true);
		assertThat(leaseOwner(id)).isNull();
		assertThat(location(id).status()).isEqualTo("ok");
	}

	@Test
	void finishingReleasesTheLeaseAndSchedulesTheNextRefresh() {
		UUID id = create("finished");
		locations.claimDue("worker-" + token, LEASE);

		locations.finish(id, "worker-" + token, "ok", null, 3, 0, Duration.ofHours(1), true);

		assertThat(leaseOwner(id)).isNull();
		assertThat(locations.claimDue("other-" + token, LEASE)).isEmpty();
		assertThat(location(id).nextRefreshAt()).isAfter(location(id).lastRefreshAt().plusMinutes(59));

		locations.requestRefresh(id, false);

		assertThat(locations.claimDue("other-" + token, LEASE)).map(Location::id).contains(id);
	}

	@Test
	void onlyDueLocationsAreClaimed() {
		UUID later = create("later");
		jdbc.sql("UPDATE catalog_locations SET next_refresh_at = now() + interval '1 hour' WHERE id = ?").param(later).update();

		assertThat(locations.claimDue("worker-" + token, LEASE)).isEmpty();
	}

	private UUID create(String name) {
		return locations.create("url", "https://catalog.example/" + token + "/" + name + ".yaml", "test", "test").id();
	}

	private String leaseOwner(UUID id) {
		return jdbc.sql("SELECT lease_owner FROM catalog_locations WHERE id = ?").param(id).query(String.class).list().get(0);
	}

}
