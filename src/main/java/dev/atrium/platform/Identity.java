package dev.atrium.platform;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a signed-in person, a guest, a machine with an API token, or nobody. Feature
 * modules read it through {@link Identities}; the security module decides what it holds.
 *
 * @param name stable id, such as a user's email, {@code guest}, or a token's name
 * @param displayName what pages show
 * @param userRef the person's catalog User entity, or null when none matches
 * @param ownershipRefs the user entity and every group it is a member of (transitively): what "mine" means
 * @param type what kind of caller this is
 * @param admin whether the caller is in one of the admin groups
 */
public record Identity(String name, String displayName, EntityRef userRef, Set<EntityRef> ownershipRefs, Type type,
		boolean admin) {

	/** Nobody signed in. */
	public static final Identity ANONYMOUS = new Identity("anonymous", "Anonymous", null, Set.of(), Type.ANONYMOUS, false);

	public Identity {
		Objects.requireNonNull(name, "name");
		ownershipRefs = Set.copyOf(ownershipRefs);
	}

	/** Whether the caller signed in (as a person or guest) or holds a token. */
	public boolean authenticated() {
		return type != Type.ANONYMOUS;
	}

	/** Kinds of caller. */
	public enum Type {
		/** Signed in with the identity provider. */
		USER,
		/** The local guest sign-in. */
		GUEST,
		/** A machine holding an API token. */
		SERVICE,
		/** Nobody signed in. */
		ANONYMOUS
	}

}
