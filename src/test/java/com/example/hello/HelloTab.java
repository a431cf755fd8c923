package com.example.hello;

import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityContent;
import dev.atrium.platform.EntityFilter;
import dev.atrium.platform.Fragment;

/** A "Hello" tab on the pages of components, greeting the component and naming its owner. */
class HelloTab implements EntityContent {

	private static final EntityFilter COMPONENTS = EntityFilter.of("kind:component");

	private final HelloProperties properties;

	HelloTab(HelloProperties properties) {
		this.properties = properties;
	}

	@Override
	public String id() {
		return HelloAutoConfiguration.ID;
	}

	@Override
	public String title() {
		return "Hello";
	}

	@Override
	public EntityFilter filter() {
		return COMPONENTS;
	}

	@Override
	public Fragment render(Entity entity) {
		// Fragment models are immutable maps: no nulls, so an owner-less entity gets a dash.
		String owner = Entity.string(entity.spec().get("owner"));
		return new Fragment("hello/fragments/tab", "tab", Map.of("greeting", properties.greeting(), "name",
				entity.name(), "title", entity.title(), "owner", owner == null ? "—" : owner));
	}

}
