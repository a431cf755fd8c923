package dev.atrium.platform;

/** A request was malformed or invalid: a 400, or Backstage's InputError on the API. */
public class InputException extends RuntimeException {

	public InputException(String message) {
		super(message);
	}

	public InputException(String message, Throwable cause) {
		super(message, cause);
	}

}
