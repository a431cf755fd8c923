package dev.atrium.catalog.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP response body collected in memory, given up as soon as it is larger than the limit: a
 * catalog file is never read whole before its size is known to be acceptable.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

	private final long max;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private Flow.Subscription subscription;

	LimitedBody(long max) {
		this.max = max;
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		for (ByteBuffer buffer : buffers) {
			if (body.isDone()) {
				return;
			}
			if (out.size() + (long) buffer.remaining() > max) {
				subscription.cancel();
				body.completeExceptionally(new TooLargeException());
				return;
			}
			byte[] chunk = new byte[buffer.remaining()];
			buffer.get(chunk);
			out.writeBytes(chunk);
		}
	}

	@Override
	public void onError(Throwable error) {
		body.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		body.complete(out.toByteArray());
	}

	/** The body passed the limit. */
	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("too large");
		}

	}

}
