package dev.atrium.workflows.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.atrium.platform.InputException;
import dev.atrium.workflows.WorkflowsProperties;
import dev.atrium.workflows.openlineage.EventParser;
import dev.atrium.workflows.openlineage.RunEvent;
import dev.atrium.workflows.openlineage.RunWriter;
import dev.atrium.workflows.openlineage.RunWriter.WriteRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/lineage}: where OpenLineage HTTP transports send RunEvents (Marquez's path).
 * Takes one event or a JSON array of events, plain or gzipped ({@code Content-Encoding: gzip}, as the
 * transport's {@code compression: gzip} sends it); answers 201 once they are committed, 400 with what
 * is wrong (and nothing stored) for an invalid one, 413 for a body over
 * {@code atrium.workflows.max-payload-size} (sent or decompressed), 415 for a body not JSON.
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
		if (type != null && !json(type)) {
			throw new UnsupportedTypeException("Content-Type must be application/json, not " + type);
		}
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		byte[] body = body(request);
		if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
			if (!encoding.trim().equalsIgnoreCase("gzip") && !encoding.trim().equalsIgnoreCase("x-gzip")) {
				throw new UnsupportedTypeException("Content-Encoding " + encoding + " is not supported; send gzip or no compression");
			}
			body = gunzip(body);
		}
		List<RunEvent> events = parser.parse(body);
		// Answered when the group commit is done; the request thread is free meanwhile.
		return writer.submit(events).thenApply(done -> ResponseEntity.status(HttpStatus.CREATED).<Void>build());
	}

	private static boolean json(String contentType) {
		try {
			return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** OpenLineage's HTTP transport with {@code compression: gzip}; the limit applies to what it inflates to. */
	private byte[] gunzip(byte[] body) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return read(in, maxBytes, true);
		}
		catch (ZipException | EOFException ex) {
			throw new InputException("The body is not valid gzip (Content-Encoding: gzip): " + ex.getMessage());
		}
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw new PayloadTooLargeException(false);
		}
		try (InputStream in = request.getInputStream()) {
			return read(in, declared > 0 ? declared : 1024, false);
		}
	}

	private byte[] read(InputStream in, long expected, boolean inflated) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(expected, maxBytes));
		byte[] chunk = new byte[8192];
		long total = 0;
		int n;
		while ((n = in.read(chunk)) > 0) {
			total += n;
			if (total > maxBytes) {
				throw new PayloadTooLargeException(inflated);
			}
			out.write(chunk, 0, n);
		}
		return out.toByteArray();
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Map<String, Object>> tooLarge(PayloadTooLargeException ex, HttpServletRequest request) {
		return error(request, HttpStatus.CONTENT_TOO_LARGE, "PayloadTooLargeError", "The body is larger than " + maxBytes
				+ " bytes" + (ex.inflated ? " once decompressed" : "") + "; send fewer events per request");
	}

	@ExceptionHandler(UnsupportedTypeException.class)
	ResponseEntity<Map<String, Object>> unsupported(UnsupportedTypeException ex, HttpServletRequest request) {
		return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "InputError", ex.getMessage());
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

		final boolean inflated;

		PayloadTooLargeException(boolean inflated) {
			super(inflated ? "Body too large once decompressed" : "Body too large");
			this.inflated = inflated;
		}

	}

	/** A Content-Type or Content-Encoding other than JSON, plain or gzipped: a 415. */
	static final class UnsupportedTypeException extends RuntimeException {

		UnsupportedTypeException(String message) {
			super(message);
		}

	}

}
