package dev.atrium.platform;

/** A request clashes with what is stored (a duplicate location, an entity another location owns): a 409. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
