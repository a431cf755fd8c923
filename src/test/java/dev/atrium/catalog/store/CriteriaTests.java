package dev.atrium.catalog.store;

import java.util.List;

import dev.atrium.platform.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backstage's {@code filter} syntax as Criteria parses it into SQL conditions and parameters. */
class CriteriaTests {

	@Test
	void noFilterMatchesEverything() {
		assertThat(Criteria.backstage(List.of()).where()).isEqualTo("TRUE");
		assertThat(Criteria.backstage(null).where()).isEqualTo("TRUE");
		assertThat(Criteria.backstage(List.of("", " , ")).where()).isEqualTo("TRUE");
	}

	@Test
	void conditionsOfOneFilterMustAllHold() {
		Criteria criteria = Criteria.backstage(List.of("kind=component,spec.type=service"));

		assertThat(criteria.where()).isEqualTo("((e.kind = ? AND e.spec_type = ?))");
		assertThat(criteria.params()).containsExactly("component", "service");
	}

	@Test
	void severalValuesOfOneKeyAreAlternatives() {
		Criteria criteria = Criteria.backstage(List.of("kind=component,kind=API"));

		assertThat(criteria.where()).isEqualTo("((e.kind = ANY (?)))");
		assertThat(criteria.params()).containsExactly((Object) new String[] { "component", "api" });
	}

	@Test
	void severalFiltersAreAlternatives() {
		Criteria criteria = Criteria.backstage(List.of("kind=component", "kind=api,spec.lifecycle=production"));

		assertThat(criteria.where()).isEqualTo("((e.kind = ?) OR (e.kind = ? AND e.lifecycle = ?))");
	}

	@Test
	void aValueMayContainEqualsSigns() {
		Criteria criteria = Criteria.backstage(List.of("metadata.annotations.backstage.io/source-location=url:https://x/?a=b"));

		assertThat(criteria.where()).isEqualTo("((e.facts @> ?::text[]))");
		assertThat(criteria.params())
			.containsExactly((Object) new String[] { "metadata.annotations.backstage.io/source-location=url:https://x/?a=b" });
	}

	@Test
	void aKeyAloneMeansTheKeyExists() {
		Criteria criteria = Criteria.backstage(List.of("metadata.tags,spec.owner"));

		assertThat(criteria.where()).isEqualTo("((e.facts && ?::text[] AND e.facts && ?::text[]))");
		// "metadata.tags" may also be an array item "tags" of "metadata": Backstage's other spelling of it
		assertThat(criteria.params()).containsExactly(new String[] { "metadata.tags", "metadata=tags" },
				new String[] { "spec.owner", "spec=owner" });
	}

	@Test
	void keysAndValuesIgnoreCaseAndSurroundingSpaces() {
		Criteria criteria = Criteria.backstage(List.of(" Kind = Component , Metadata.Name=Checkout "));

		assertThat(criteria.params()).containsExactly("component", "checkout");
	}

	@Test
	void otherFieldsMatchTheFactsArrayAndSeveralValuesAnyOfThem() {
		Criteria criteria = Criteria.backstage(List.of("metadata.tags=java,metadata.tags=kotlin"));

		assertThat(criteria.where()).isEqualTo("((e.facts && ?::text[]))");
		assertThat(criteria.params()).containsExactly((Object) new String[] { "metadata.tags=java", "metadata.tags=kotlin" });
	}

	@Test
	void relationsUseTheRelationsTable() {
		Criteria criteria = Criteria.backstage(List.of("relations.ownedBy=group:default/team-a"));

		assertThat(criteria.where()).contains("catalog_relations");
		assertThat(criteria.params()).containsExactly("ownedby", new String[] { "group:default/team-a" },
				new String[] { "group:default/team-a" }, "ownedby");
	}

	@Test
	void aConditionWithoutAKeyIsAnInputError() {
		assertThatThrownBy(() -> Criteria.backstage(List.of("kind=component,=api"))).isInstanceOf(InputException.class)
			.hasMessageContaining("has no key");
	}

	@Test
	void predicateQueriesCombineWithAllAnyAndNot() {
		Criteria criteria = Criteria.predicate(java.util.Map.of("$any",
				List.of(java.util.Map.of("kind", "Component"), java.util.Map.of("$not", java.util.Map.of("spec.type",
						java.util.Map.of("$in", List.of("service", "website")))))));

		assertThat(criteria.where()).isEqualTo("(((e.kind = ?) OR (NOT ((e.spec_type = ANY (?))))))");
		assertThat(criteria.params()).containsExactly("component", new String[] { "service", "website" });
		assertThatThrownBy(() -> Criteria.predicate(java.util.Map.of("kind", java.util.Map.of("$regex", "x"))))
			.isInstanceOf(InputException.class);
	}

}
