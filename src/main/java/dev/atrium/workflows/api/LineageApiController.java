package dev.atrium.workflows.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.atrium.platform.InputException;
import dev.atrium.workflows.WorkflowsProperties;
import dev.atrium.workflows.openlineage.EventParser;
import dev.atrium.workflows.openlineage.RunEvent;
import dev.atrium.workflows.openlineage.RunWriter;
import dev.atrium.workflows.openlineage.RunWriter.WriteRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/lineage}: where OpenLineage HTTP transports send RunEvents (Marquez's path).
 * Takes one event or a JSON array of events; answers 201 once they are committed, 400 with what is
 * wrong (and nothing stored) for an invalid one, 413 for a body over {@code atrium.workflows.max-payload-size}.
 */
@RestController
class LineageApiController {

	private final EventParser parser;

	private final RunWriter writer;

	private final long maxBytes;

	LineageApiController(EventParser parser, RunWriter writer, WorkflowsProperties properties) {
		this.parser = parser;
		this.writer = writer;
		this.maxBytes = properties.maxPayloadSize().toBytes();
	}

	@PostMapping(path = "/api/v1/lineage")
	CompletableFuture<ResponseEntity<Void>> record(HttpServletRequest request) throws IOException {
		String type = request.getContentType();
		if (type != null && !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_JSON)) {
			throw new InputException("Content-Type must be application/json, not " + type);
		}
		List<RunEvent> events = parser.parse(body(request));
		// Answered when the group commit is done; the request thread is free meanwhile.
		return writer.submit(events).thenApply(done -> ResponseEntity.status(HttpStatus.CREATED).<Void>build());
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw new PayloadTooLargeException(declared);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
		try (InputStream in = request.getInputStream()) {
			byte[] chunk = new byte[8192];
			long total = 0;
			int n;
			while ((n = in.read(chunk)) > 0) {
				total += n;
				if (total > maxBytes) {
					throw new PayloadTooLargeException(total);
				}
				out.write(chunk, 0, n);
			}
		}
		return out.toByteArray();
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Map<String, Object>> tooLarge(PayloadTooLargeException ex, HttpServletRequest request) {
		return error(request, HttpStatus.CONTENT_TOO_LARGE, "PayloadTooLargeError",
				"The body is larger than " + maxBytes + " bytes; send fewer events per request");
	}

	@ExceptionHandler(WriteRefusedException.class)
	ResponseEntity<Map<String, Object>> refused(WriteRefusedException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(request, HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableError", ex.getMessage()));
	}

	private static ResponseEntity<Map<String, Object>> error(HttpServletRequest request, HttpStatus status, String name,
			String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(request, status, name, message));
	}

	/** Backstage's error shape, as every Atrium API answers. */
	private static Map<String, Object> body(HttpServletRequest request, HttpStatus status, String name, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("name", name);
		error.put("message", message);
		return Map.of("error", error, "request", Map.of("method", request.getMethod(), "url", request.getRequestURI()),
				"response", Map.of("statusCode", status.value()));
	}

	static final class PayloadTooLargeException extends RuntimeException {

		PayloadTooLargeException(long size) {
			super("Body of " + size + " bytes");
		}

	}

}
