package dev.atrium.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.atrium.platform.ConflictException;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns exceptions into what the user looks at: Backstage's error JSON on {@code /api/**}, a friendly
 * page elsewhere. Unknown failures are logged once and answered without internals.
 */
@ControllerAdvice
class ErrorResponses {

	private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

	@ExceptionHandler(NotFoundException.class)
	Object notFound(NotFoundException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.NOT_FOUND, "NotFoundError", ex.getMessage());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	Object noResource(NoResourceFoundException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.NOT_FOUND, "NotFoundError",
				"Nothing here: " + request.getRequestURI());
	}

	@ExceptionHandler(InputException.class)
	Object input(InputException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "InputError", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	Object conflict(ConflictException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.CONFLICT, "ConflictError", ex.getMessage());
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
			HandlerMethodValidationException.class })
	Object badParameter(Exception ex, HttpServletRequest request) {
		String message = ex instanceof MethodArgumentTypeMismatchException mismatch
				? "Invalid value for parameter '" + mismatch.getName() + "'" : ex.getMessage();
		return respond(request, HttpStatus.BAD_REQUEST, "InputError", message);
	}

	/** A query parameter whose percent-encoding is not UTF-8 ({@code ?term=%ff}): Tomcat refuses to decode it. */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	Object undecodable(RuntimeException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "InputError",
				"A request parameter is not valid UTF-8 (check its percent-encoding)");
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	Object unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "InputError", "The request body is not valid JSON of the expected shape");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedError", ex.getMessage());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "InputError", ex.getMessage());
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Void> notAcceptable() {
		return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.CONTENT_TOO_LARGE, "PayloadTooLargeError", "The request is too large");
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request) {
		log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "Error",
				"Something went wrong on our side. The error was logged.");
	}

	static Object respond(HttpServletRequest request, HttpStatus status, String name, String message) {
		if (wantsJson(request)) {
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body(request.getMethod(), request.getRequestURI(), status.value(), name, message));
		}
		ModelAndView page = new ModelAndView(status.value() == 404 ? "error/404" : status.is5xxServerError() ? "error/500" : "error/error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("reason", status.getReasonPhrase());
		page.addObject("message", message);
		return page;
	}

	static boolean wantsJson(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String accept = request.getHeader("Accept");
		return (uri != null && (uri.startsWith("/api/") || uri.equals("/api")))
				|| (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
	}

	/** Backstage's serialized error: {@code {error:{name,message}, request:{method,url}, response:{statusCode}}}. */
	static Map<String, Object> body(String method, String url, int status, String name, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("name", name);
		error.put("message", message == null ? "" : message);
		return Map.of("error", error, "request", Map.of("method", method, "url", url == null ? "" : url),
				"response", Map.of("statusCode", status));
	}

}
