package dev.atrium.platform;

/**
 * The caller of the current request (or of the task being run). Implemented by the security
 * module; a module that runs without it sees {@link Identity#ANONYMOUS}.
 */
public interface Identities {

	/** The caller of the current request; {@link Identity#ANONYMOUS} outside a request or when nobody signed in. */
	Identity current();

}
