package dev.atrium.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The platform's {@link Identities}: the caller of the current request, found in the catalog. A person
 * is their User entity (matched by {@code spec.profile.email}), the guest is the User entity named by
 * {@code atrium.auth.guest-user}; their groups are the {@code memberOf} relations and, transitively,
 * those groups' parents ({@code childOf}): a member of a sub-team is a member of the team. Admins are
 * callers whose user or any group is listed in {@code atrium.auth.admin-groups}, and the API tokens named in {@code atrium.auth.admin-tokens}. Answers are kept for
 * a short while, so a page with many checks asks the catalog once.
 */
@Component
class CatalogIdentities implements Identities {

	private static final Logger log = LoggerFactory.getLogger(CatalogIdentities.class);

	private static final Duration KEEP = Duration.ofSeconds(30);

	private static final int MAX_KEPT = 10_000;

	private static final int MAX_GROUP_DEPTH = 20;

	private record Kept(Identity identity, long until) {
	}

	private final ObjectProvider<EntityLookup> catalog;

	private final AuthProperties properties;

	private final Set<EntityRef> admins;

	private final Map<Caller, Kept> kept = new ConcurrentHashMap<>();

	CatalogIdentities(ObjectProvider<EntityLookup> catalog, AuthProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
		Set<EntityRef> admins = new LinkedHashSet<>();
		for (String group : properties.adminGroups()) {
			if (!group.isBlank()) {
				admins.add(EntityRef.parse(group.trim(), "group", EntityRef.DEFAULT_NAMESPACE));
			}
		}
		this.admins = Set.copyOf(admins);
	}

	@Override
	public Identity current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	/** The identity of an authentication; {@link Identity#ANONYMOUS} for nobody. */
	Identity of(Authentication authentication) {
		Caller caller = Caller.of(authentication);
		if (caller == null) {
			return Identity.ANONYMOUS;
		}
		long now = System.nanoTime();
		Kept hit = kept.get(caller);
		if (hit != null && hit.until() - now > 0) {
			return hit.identity();
		}
		Identity identity = resolve(caller);
		if (kept.size() >= MAX_KEPT) {
			kept.clear();
		}
		kept.put(caller, new Kept(identity, now + KEEP.toNanos()));
		return identity;
	}

	/** Forgets what was looked up, for tests and after sign-in. */
	void forget(Caller caller) {
		kept.remove(caller);
	}

	private Identity resolve(Caller caller) {
		Entity user = null;
		try {
			user = userOf(caller);
		}
		catch (RuntimeException ex) {
			// The catalog being unavailable must not lock people out of reading; they just own nothing for now.
			log.warn("Could not look up the catalog user of {}: {}", caller.name(), ex.getMessage());
		}
		Set<EntityRef> ownership = new LinkedHashSet<>();
		EntityRef userRef = null;
		String shown = caller.displayName();
		if (user != null) {
			userRef = user.ref();
			ownership.add(userRef);
			ownership.addAll(groupsOf(user));
			Object displayName = Entity.map(user.spec().get("profile")).get("displayName");
			if (displayName instanceof String s && !s.isBlank() && caller.type() != Identity.Type.SERVICE) {
				shown = s;
			}
		}
		boolean admin = ownership.stream().anyMatch(admins::contains)
				|| caller.type() == Identity.Type.SERVICE && properties.adminTokens().contains(caller.name());
		return new Identity(caller.name(), shown, userRef, ownership, caller.type(), admin);
	}

	private Entity userOf(Caller caller) {
		EntityLookup lookup = catalog.getIfAvailable();
		if (lookup == null) {
			return null;
		}
		return switch (caller.type()) {
			case GUEST -> lookup.find(new EntityRef("user", EntityRef.DEFAULT_NAMESPACE, properties.guestUser())).orElse(null);
			case USER -> {
				String email = caller.email();
				if (email == null || email.isBlank() || email.contains(",")) {
					yield null;
				}
				List<Entity> users = lookup.matching("kind=user,spec.profile.email=" + email.trim(), 2);
				if (users.size() > 1) {
					log.warn("Two or more User entities have the email {}; {} is treated as none of them", email, caller.name());
				}
				yield users.size() == 1 ? users.get(0) : null;
			}
			default -> null;
		};
	}

	private Set<EntityRef> groupsOf(Entity user) {
		EntityLookup lookup = catalog.getIfAvailable();
		Set<EntityRef> groups = new LinkedHashSet<>();
		Deque<EntityRef> level = new ArrayDeque<>(user.relationTargets("memberOf"));
		for (int depth = 0; !level.isEmpty() && depth < MAX_GROUP_DEPTH; depth++) {
			List<EntityRef> fresh = level.stream().filter(groups::add).toList();
			level.clear();
			if (lookup == null || fresh.isEmpty()) {
				break;
			}
			for (Entity group : lookup.findAll(fresh)) {
				level.addAll(group.relationTargets("childOf"));
			}
		}
		return groups;
	}

}
