package com.example.hello;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityProcessor;

/**
 * Greets every component during ingestion: adds the annotation
 * {@code hello.example.com/greeting: hello <name>}. Entities handed to processors are read-only,
 * so it returns an enriched copy.
 */
class GreetingProcessor implements EntityProcessor {

	static final String ANNOTATION = "hello.example.com/greeting";

	private final HelloProperties properties;

	GreetingProcessor(HelloProperties properties) {
		this.properties = properties;
	}

	@Override
	public Entity process(Entity entity, Emitter emit) {
		if (!"component".equalsIgnoreCase(entity.kind())) {
			return entity;
		}
		Map<String, Object> annotations = new LinkedHashMap<>(entity.annotations());
		annotations.put(ANNOTATION, properties.greeting() + " " + entity.name());
		Map<String, Object> metadata = new LinkedHashMap<>(entity.metadata());
		metadata.put("annotations", annotations);
		Map<String, Object> body = new LinkedHashMap<>(entity.body());
		body.put("metadata", metadata);
		return new Entity(body);
	}

}
