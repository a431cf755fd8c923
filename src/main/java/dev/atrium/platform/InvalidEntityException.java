package dev.atrium.platform;

/** Thrown by a processor for an entity that must not be stored; the message tells the user why. */
public class InvalidEntityException extends RuntimeException {

	public InvalidEntityException(String message) {
		super(message);
	}

}
