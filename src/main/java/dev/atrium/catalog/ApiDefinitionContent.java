package dev.atrium.catalog;

import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityFilter;
import dev.atrium.platform.Fragment;
import org.springframework.stereotype.Component;

/** The Definition tab of API entities, contributed through the same plugin API as any plugin's tab. */
@Component
class ApiDefinitionContent implements EntityContent {

	private static final EntityFilter APIS = EntityFilter.of("kind:api");

	@Override
	public String id() {
		return "definition";
	}

	@Override
	public String title() {
		return "Definition";
	}

	@Override
	public EntityFilter filter() {
		return APIS;
	}

	@Override
	public Fragment render(Entity entity) {
		String definition = Entity.string(entity.spec().get("definition"));
		return new Fragment("catalog/fragments/api-definition", "definition",
				Map.of("definition", definition == null ? "" : definition, "apiType",
						entity.type() == null ? "unknown" : entity.type()));
	}

	@Override
	public int order() {
		return 10;
	}

}
