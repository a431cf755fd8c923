package dev.atrium.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityRefTests {

	@Test
	void parsesAFullReference() {
		EntityRef ref = EntityRef.parse("component:payments/checkout");

		assertThat(ref).isEqualTo(new EntityRef("component", "payments", "checkout"));
		assertThat(ref.kind()).isEqualTo("component");
		assertThat(ref.namespace()).isEqualTo("payments");
		assertThat(ref.name()).isEqualTo("checkout");
	}

	@Test
	void theNamespaceDefaultsToDefault() {
		assertThat(EntityRef.parse("component:checkout")).isEqualTo(new EntityRef("component", "default", "checkout"));
	}

	@Test
	void theKindAndNamespaceDefaultToTheGivenOnes() {
		assertThat(EntityRef.parse("payments-team", "group", "ops").toString()).isEqualTo("group:ops/payments-team");
		assertThat(EntityRef.parse("default/payments-team", "group", "ops").toString())
			.isEqualTo("group:default/payments-team");
		assertThat(EntityRef.parse("user:alice", "group", "ops").toString()).isEqualTo("user:ops/alice");
		assertThat(EntityRef.parse("alice", "user", null).toString()).isEqualTo("user:default/alice");
	}

	@Test
	void aKindIsRequiredWhenThereIsNoDefault() {
		assertThatThrownBy(() -> EntityRef.parse("checkout")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Entity reference \"checkout\" had no kind; it should start with \"component:\" or similar");
		assertThatThrownBy(() -> EntityRef.parse("default/checkout")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("had no kind");
	}

	@Test
	void aColonAfterTheFirstSlashBelongsToTheName() {
		assertThat(EntityRef.parse("default/a:b", "component", "default"))
			.isEqualTo(new EntityRef("component", "default", "a:b"));
		assertThat(EntityRef.parse("component:default/a:b")).isEqualTo(new EntityRef("component", "default", "a:b"));
		assertThat(EntityRef.parse("ns/kind:name", "group", "default")).isEqualTo(new EntityRef("group", "ns", "kind:name"));
	}

	@Test
	void everythingAfterTheFirstSlashIsTheName() {
		assertThat(EntityRef.parse("component:a/b/c")).isEqualTo(new EntityRef("component", "a", "b/c"));
	}

	@ParameterizedTest
	@ValueSource(strings = { ":checkout", "component:", "component:/checkout", "component:default/", "/checkout" })
	void emptyPartsAreErrors(String ref) {
		assertThatThrownBy(() -> EntityRef.parse(ref, "component", "default")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Entity reference \"" + ref + "\" was not on the form [<kind>:][<namespace>/]<name>");
	}

	@Test
	void anEmptyReferenceIsAnError() {
		assertThatThrownBy(() -> EntityRef.parse("", "component", "default")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EntityRef.parse("  ", "component", "default")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EntityRef.parse(null, "component", "default")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new EntityRef("component", "default", " ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theCanonicalFormIsLowerCaseAndComparisonIgnoresCase() {
		EntityRef ref = EntityRef.parse("Component:Payments/Checkout-API");

		assertThat(ref).hasToString("component:payments/checkout-api");
		assertThat(ref.name()).isEqualTo("Checkout-API");
		assertThat(ref).isEqualTo(EntityRef.parse("component:payments/checkout-api"));
		assertThat(ref.hashCode()).isEqualTo(EntityRef.parse("COMPONENT:PAYMENTS/CHECKOUT-API").hashCode());
	}

	@Test
	void surroundingWhitespaceIsIgnored() {
		assertThat(EntityRef.parse("  group:team-a ")).hasToString("group:default/team-a");
	}

	@Test
	void theDisplayNameLeavesOutTheDefaultNamespace() {
		assertThat(EntityRef.parse("component:default/checkout").displayName()).isEqualTo("checkout");
		assertThat(EntityRef.parse("component:labs/lyrics").displayName()).isEqualTo("labs/lyrics");
	}

	@Test
	void refsThatDifferOnlyInCaseAreEqualWithEqualHashesAsInSetsAndMaps() {
		EntityRef written = new EntityRef("Component", "Default", "Payment-Gateway_v2.1");
		EntityRef canonical = EntityRef.parse("component:default/payment-gateway_v2.1");
		assertThat(written).isEqualTo(canonical).hasSameHashCodeAs(canonical);
		assertThat(written.hashCode()).isEqualTo(written.toString().hashCode());
		assertThat(java.util.Set.of(written)).contains(canonical);
		assertThat(written).isNotEqualTo(EntityRef.parse("component:default/payment-gateway_v2.2"))
			.isNotEqualTo(EntityRef.parse("api:default/payment-gateway_v2.1"))
			.isNotEqualTo(EntityRef.parse("component:other/payment-gateway_v2.1"));
		EntityRef accented = new EntityRef("Component", "default", "ÉCOLE");
		assertThat(accented).isEqualTo(EntityRef.parse("component:default/école"));
		assertThat(accented.hashCode()).isEqualTo("component:default/école".hashCode());
	}

}
