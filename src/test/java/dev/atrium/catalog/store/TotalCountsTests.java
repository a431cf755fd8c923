package dev.atrium.catalog.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.atrium.catalog.EntitiesChanged;
import dev.atrium.platform.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The count cache behind {@code totalItems}: exact after every change, computed once however many ask. */
class TotalCountsTests {

	/** A reader whose count is whatever the test says, and that can be held inside a count. */
	static final class CountingReader extends EntityReader {

		final AtomicLong rows = new AtomicLong();

		final AtomicInteger queries = new AtomicInteger();

		volatile CountDownLatch entered = new CountDownLatch(0);

		volatile CountDownLatch release = new CountDownLatch(0);

		/** What counting throws, when set. */
		volatile RuntimeException failure;

		CountingReader() {
			super(null, null, null);
		}

		@Override
		public List<Map.Entry<String, Long>> facet(Criteria criteria, String facet) {
			queries.incrementAndGet();
			List<Map.Entry<String, Long>> rows = new java.util.ArrayList<>();
			for (int i = 0; i < 100_000; i++) {
				rows.add(Map.entry(facet + "-" + i, 1L));
			}
			return rows;
		}

		@Override
		public long count(Criteria criteria) {
			long value = rows.get();
			queries.incrementAndGet();
			entered.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (failure != null) {
				throw failure;
			}
			return value;
		}

	}

	@Test
	void aCountIsComputedOnceAndServedUntilTheCatalogChanges() {
		CountingReader reader = new CountingReader();
		TotalCounts counts = new TotalCounts(reader);
		reader.rows.set(10);
		assertThat(counts.count(Criteria.all())).isEqualTo(10);
		reader.rows.set(11);
		assertThat(counts.count(Criteria.all())).isEqualTo(10);
		assertThat(reader.queries).hasValue(1);
		counts.on(new EntitiesChanged(List.of("component:default/new"), List.of()));
		assertThat(counts.count(Criteria.all())).isEqualTo(11);
		assertThat(reader.queries).hasValue(2);
	}

	@Test
	void aChangeWhileACountIsRunningMakesThatCountStale() throws Exception {
		CountingReader reader = new CountingReader();
		TotalCounts counts = new TotalCounts(reader);
		reader.rows.set(279_512);
		reader.entered = new CountDownLatch(1);
		reader.release = new CountDownLatch(1);
		CompletableFuture<Long> during = CompletableFuture.supplyAsync(() -> counts.count(Criteria.all()));
		assertThat(reader.entered.await(10, TimeUnit.SECONDS)).isTrue();
		// The last file of an ingestion commits while the count is reading: the count may have missed it.
		reader.rows.set(280_012);
		counts.on(new EntitiesChanged(List.of("component:default/last"), List.of()));
		reader.release.countDown();
		await().atMost(10, TimeUnit.SECONDS).until(during::isDone);
		assertThat(during.get()).isEqualTo(279_512);
		assertThat(counts.count(Criteria.all())).isEqualTo(280_012);
	}

	@Test
	void whoWaitedForAFailedCountGetsTheSameErrorAsWhoRanIt() throws Exception {
		CountingReader reader = new CountingReader();
		TotalCounts counts = new TotalCounts(reader);
		reader.failure = new InputException("Invalid field 'a..b'");
		reader.entered = new CountDownLatch(1);
		reader.release = new CountDownLatch(1);
		java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
		CompletableFuture<RuntimeException> first = CompletableFuture.supplyAsync(() -> thrownBy(counts), callers);
		assertThat(reader.entered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<RuntimeException> waiter = CompletableFuture.supplyAsync(() -> thrownBy(counts), callers);
		Thread.sleep(300); // the second caller is waiting for the first one's count

		reader.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(InputException.class);
		assertThat(waiter.get(10, TimeUnit.SECONDS)).as("not wrapped: still the caller's error, a 400")
			.isInstanceOf(InputException.class)
			.hasMessageContaining("a..b");
		assertThat(reader.queries).as("counted once").hasValue(1);
		callers.shutdown();
	}

	private static RuntimeException thrownBy(TotalCounts counts) {
		try {
			counts.count(Criteria.all());
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Test
	void largeFacetsDoNotPileUpInMemory() {
		CountingReader reader = new CountingReader();
		TotalCounts counts = new TotalCounts(reader);
		for (int i = 0; i < 20; i++) {
			assertThat(counts.facet(Criteria.all(), "metadata.name" + i)).hasSize(100_000);
			assertThat(counts.values()).isLessThanOrEqualTo(TotalCounts.MAX_VALUES + 100_000);
		}
		assertThat(counts.facet(Criteria.all(), "metadata.name19")).hasSize(100_000);
		assertThat(reader.queries).hasValue(20); // the latest answers are still cached
	}

}
