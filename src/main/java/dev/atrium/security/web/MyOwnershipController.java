package dev.atrium.security.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "My ownership": what the signed-in person and their groups own, found in the catalog by ownedBy relations. */
@Controller
class MyOwnershipController {

	static final int SHOWN = 500;

	private final Identities identities;

	private final ObjectProvider<EntityLookup> catalog;

	MyOwnershipController(Identities identities, ObjectProvider<EntityLookup> catalog) {
		this.identities = identities;
		this.catalog = catalog;
	}

	/** One owned entity, for the page. */
	record Owned(String kind, String title, String ref, String path, String type, String owner, String description) {

		static Owned of(Entity entity) {
			EntityRef ref = entity.ref();
			List<EntityRef> owners = entity.relationTargets("ownedBy");
			return new Owned(entity.kind(), entity.title(), ref.toString(),
					"/catalog/" + ref.namespace() + "/" + ref.kind() + "/" + ref.name(), entity.type(),
					owners.stream().map(EntityRef::displayName).collect(Collectors.joining(", ")), entity.description());
		}

	}

	@GetMapping("/my-ownership")
	String page(Model model) {
		Identity me = identities.current();
		model.addAttribute("me", me);
		List<EntityRef> groups = me.ownershipRefs().stream().filter(r -> r.kind().equalsIgnoreCase("group")).sorted(
				java.util.Comparator.comparing(EntityRef::toString)).toList();
		model.addAttribute("groups", groups);
		List<Owned> owned = new ArrayList<>();
		EntityLookup lookup = catalog.getIfAvailable();
		if (lookup != null && !me.ownershipRefs().isEmpty()) {
			String filter = me.ownershipRefs()
				.stream()
				.map(ref -> "relations.ownedBy=" + ref.toString().toLowerCase(java.util.Locale.ROOT))
				.collect(Collectors.joining(","));
			lookup.matching(filter, SHOWN).forEach(entity -> owned.add(Owned.of(entity)));
		}
		model.addAttribute("owned", owned);
		model.addAttribute("more", owned.size() >= SHOWN);
		return "security/my-ownership";
	}

}
