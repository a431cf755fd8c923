package dev.atrium.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers errors raised outside controllers (filters, the servlet container), in the same shapes as
 * {@link ErrorResponses}: Backstage's JSON on the API, a page elsewhere.
 */
@Controller
class ErrorPageController implements ErrorController {

	@RequestMapping("/error")
	Object error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri == null ? request.getRequestURI() : uri.toString();
		String name = switch (status.value()) {
			case 400 -> "InputError";
			case 401 -> "AuthenticationError";
			case 403 -> "NotAllowedError";
			case 404 -> "NotFoundError";
			case 409 -> "ConflictError";
			case 413 -> "PayloadTooLargeError";
			default -> "Error";
		};
		// Refusals (401, 403, 413: the security module's) say why; other messages may hold internals.
		Object given = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		boolean explained = (status.value() == 401 || status.value() == 403 || status.value() == 413)
				&& given instanceof String text && !text.isBlank();
		String message = status.is5xxServerError() ? "Something went wrong on our side. The error was logged."
				: explained ? (String) given : status.getReasonPhrase();
		Object method = request.getAttribute(QueueTimeout.METHOD);
		HttpServletRequest original = new jakarta.servlet.http.HttpServletRequestWrapper(request) {
			@Override
			public String getRequestURI() {
				return path;
			}

			@Override
			public String getMethod() {
				return method instanceof String m ? m : super.getMethod();
			}
		};
		return ErrorResponses.respond(original, status, name, message);
	}

}
