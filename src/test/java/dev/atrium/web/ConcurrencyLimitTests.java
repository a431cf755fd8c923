package dev.atrium.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitTests {

	@Test
	void aRequestOverTheBoundWaitsForOneToFinishThenRuns() throws Exception {
		ConcurrencyLimit limit = new ConcurrencyLimit(new ConcurrencyProperties(1, Duration.ofSeconds(10), List.of()));
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		FilterChain chain = (req, res) -> {
			mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
			if ("/first".equals(((MockHttpServletRequest) req).getRequestURI())) {
				firstInside.countDown();
				await(releaseFirst);
			}
			inside.decrementAndGet();
			((MockHttpServletResponse) res).setStatus(200);
		};
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(limit, "/first", chain));
		assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> run(limit, "/second", chain));
		waitUntil(() -> limit.waiting() == 1);
		assertThat(second).isNotDone();
		assertThat(limit.active()).isEqualTo(1);

		releaseFirst.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		assertThat(mostInside.get()).isEqualTo(1);
		assertThat(limit.active()).isZero();
	}

	@Test
	void aRequestThatWaitsLongerThanTheTimeoutIsToldToRetry() throws Exception {
		ConcurrencyLimit limit = new ConcurrencyLimit(new ConcurrencyProperties(1, Duration.ofMillis(100), List.of()));
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> run(limit, "/slow", (req, res) -> {
			firstInside.countDown();
			await(releaseFirst);
		}));
		assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();

		MockHttpServletResponse refused = run(limit, "/catalog", (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getErrorMessage()).contains("busy");

		releaseFirst.countDown();
		first.get(5, TimeUnit.SECONDS);
		assertThat(run(limit, "/catalog", (req, res) -> ((MockHttpServletResponse) res).setStatus(200)).getStatus()).isEqualTo(200);
	}

	@Test
	void exemptPathsAndEventStreamsAreNotCounted() throws Exception {
		ConcurrencyLimit limit = new ConcurrencyLimit(new ConcurrencyProperties(1, Duration.ofMillis(100), List.of("/git/")));
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> busy = CompletableFuture.supplyAsync(() -> run(limit, "/slow", (req, res) -> {
			firstInside.countDown();
			await(releaseFirst);
		}));
		assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();

		FilterChain ok = (req, res) -> ((MockHttpServletResponse) res).setStatus(200);
		assertThat(run(limit, "/git/service.git/info/refs", ok).getStatus()).isEqualTo(200);
		MockHttpServletRequest stream = new MockHttpServletRequest("GET", "/api/scaffolder/v2/tasks/1/eventstream");
		stream.addHeader("Accept", "text/event-stream");
		MockHttpServletResponse streamed = new MockHttpServletResponse();
		limit.doFilter(stream, streamed, ok);
		assertThat(streamed.getStatus()).isEqualTo(200);

		releaseFirst.countDown();
		busy.get(5, TimeUnit.SECONDS);
	}

	@Test
	void theDefaultIsTwoPerProcessor() {
		assertThat(new ConcurrencyProperties(0, null, null).maxActive())
			.isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
	}

	private static MockHttpServletResponse run(ConcurrencyLimit limit, String path, FilterChain chain) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			limit.doFilter(new MockHttpServletRequest("GET", path), response, chain);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(condition.getAsBoolean()).isTrue();
	}

}
