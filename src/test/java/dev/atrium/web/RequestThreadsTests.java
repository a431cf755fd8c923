package dev.atrium.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestThreadsTests {

	@Test
	void requestsBeyondTheThreadsWaitAndRunInArrivalOrder() throws Exception {
		try (RequestThreads threads = new RequestThreads(1)) {
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch done = new CountDownLatch(4);
			List<String> order = new CopyOnWriteArrayList<>();
			threads.execute(() -> {
				await(release);
				order.add("first");
				done.countDown();
			});
			for (String name : List.of("second", "third", "fourth")) {
				threads.execute(() -> {
					order.add(name);
					done.countDown();
				});
			}
			waitUntil(() -> threads.waiting() == 3);
			assertThat(threads.active()).isEqualTo(1);

			release.countDown();
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(order).containsExactly("first", "second", "third", "fourth");
		}
	}

	@Test
	void aRequestThatWaitedLongerThanTheTimeoutIsToldToRetry() throws Exception {
		QueueTimeout timeout = new QueueTimeout(TimeUnit.MILLISECONDS.toNanos(100));
		try (RequestThreads threads = new RequestThreads(1)) {
			CountDownLatch release = new CountDownLatch(1);
			threads.execute(() -> await(release));
			MockHttpServletResponse late = new MockHttpServletResponse();
			MockHttpServletResponse onTime = new MockHttpServletResponse();
			CountDownLatch answered = new CountDownLatch(2);
			threads.execute(() -> {
				filter(timeout, late);
				answered.countDown();
			});
			Thread.sleep(300);
			release.countDown();
			// Not queued behind anything: answered normally.
			threads.execute(() -> {
				filter(timeout, onTime);
				answered.countDown();
			});
			assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();

			assertThat(late.getStatus()).isEqualTo(503);
			assertThat(late.getHeader("Retry-After")).isEqualTo("1");
			assertThat(late.getErrorMessage()).contains("busy");
			assertThat(onTime.getStatus()).isEqualTo(200);
		}
	}

	@Test
	void offThePoolNothingHasWaited() {
		assertThat(RequestThreads.waitedNanos()).isZero();
	}

	@Test
	void theDefaultIsTwoThreadsPerProcessor() {
		assertThat(new ConcurrencyProperties(0, null).maxActive())
			.isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
	}

	private static void filter(QueueTimeout timeout, MockHttpServletResponse response) {
		try {
			timeout.doFilter(new MockHttpServletRequest("GET", "/catalog"), response,
					(req, res) -> ((MockHttpServletResponse) res).setStatus(200));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
