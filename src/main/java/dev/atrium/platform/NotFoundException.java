package dev.atrium.platform;

/** Something a user asked for does not exist: a 404 page, or Backstage's NotFoundError on the API. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
