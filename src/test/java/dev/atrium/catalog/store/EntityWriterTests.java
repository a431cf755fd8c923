package dev.atrium.catalog.store;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.catalog.store.EntityWriter.StoredRelation;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Relation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How an entity's relations become rows: each pair with its reverse stored once. */
class EntityWriterTests {

	private static final EntityRef TEAM = EntityRef.parse("group:default/team-a");

	@Test
	void aRelationAndItsReverseBecomeOneRow() {
		EntityRef service = EntityRef.parse("component:default/checkout");
		List<StoredRelation> rows = EntityWriter.pairUp(service,
				List.of(new Relation(service, "ownedBy", TEAM), new Relation(TEAM, "ownerOf", service)));
		assertThat(rows).containsExactly(new StoredRelation("component:default/checkout", "ownedBy", "group:default/team-a", "ownerOf"));
	}

	@Test
	void aLargeTeamPairsEveryMemberWithItsReverseAndKeepsTheRest() {
		List<Relation> relations = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			EntityRef user = EntityRef.parse("user:default/u" + i);
			relations.add(new Relation(TEAM, "hasMember", user));
			relations.add(new Relation(user, "memberOf", TEAM));
		}
		EntityRef parent = EntityRef.parse("group:default/area");
		relations.add(new Relation(TEAM, "childOf", parent));
		relations.add(new Relation(EntityRef.parse("Group:Default/Area"), "parentOf", TEAM));
		relations.add(new Relation(EntityRef.parse("user:default/u1"), "memberOf", TEAM)); // a duplicate reverse
		relations.add(new Relation(EntityRef.parse("user:default/outsider"), "memberOf", TEAM));
		List<StoredRelation> rows = EntityWriter.pairUp(TEAM, relations);
		assertThat(rows).hasSize(3_002);
		assertThat(rows.get(0)).isEqualTo(new StoredRelation("group:default/team-a", "hasMember", "user:default/u0", "memberOf"));
		assertThat(rows.get(3_000)).isEqualTo(new StoredRelation("group:default/team-a", "childOf", "group:default/area", "parentOf"));
		assertThat(rows.get(3_001)).isEqualTo(new StoredRelation("user:default/outsider", "memberOf", "group:default/team-a", null));
	}

}
