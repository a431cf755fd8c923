package dev.atrium.platform;

import java.util.function.Consumer;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;

/**
 * For filters that act once a request is answered (audit, metrics): a request that went asynchronous
 * (OpenLineage ingestion waiting for its commit, event streams, git transfers) is answered after the
 * filter chain returned, when its asynchronous part completes.
 */
public final class AnsweredLater {

	private AnsweredLater() {
	}

	/**
	 * Runs {@code then} when the asynchronous request completes, with the event (its response, and the
	 * failure if it failed), also if the request goes asynchronous again.
	 * @throws IllegalStateException when the request is not asynchronous
	 */
	public static void whenAnswered(ServletRequest request, Consumer<AsyncEvent> then) {
		request.getAsyncContext().addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				then.accept(event);
			}

			@Override
			public void onTimeout(AsyncEvent event) {
				// followed by onComplete
			}

			@Override
			public void onError(AsyncEvent event) {
				// followed by onComplete
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
				event.getAsyncContext().addListener(this);
			}

		});
	}

}
