package dev.atrium.catalog.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.platform.InputException;
import dev.atrium.platform.InvalidEntityException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backstage's {@code POST /api/catalog/validate-entity}: whether an entity would be accepted, without
 * storing it. Unlike the rest of the API, every 400 it gives is {@code {errors: [{name, message}]}},
 * the shape the catalog client reads.
 */
@RestController
@RequestMapping(path = "/api/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class EntityValidationApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EntityPipeline pipeline;

	EntityValidationApiController(EntityPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@PostMapping("/validate-entity")
	ResponseEntity<Map<String, Object>> validate(@RequestBody Map<String, Object> body) {
		if (!(body.get("location") instanceof String location) || !location.startsWith("url:")) {
			throw new InputException("Invalid location ref " + body.get("location") + ", only 'url:' locations are allowed");
		}
		if (!(body.get("entity") instanceof Map<?, ?> entity)) {
			throw new InputException("The body must hold the entity to validate: {\"location\": \"url:...\", \"entity\": {...}}");
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> copy = JSON.readValue(JSON.writeValueAsBytes(entity), LinkedHashMap.class);
			pipeline.process(copy, location, location);
			return ResponseEntity.ok(Map.of());
		}
		catch (InvalidEntityException | ClassCastException ex) {
			return errors(String.valueOf(ex.getMessage()));
		}
	}

	@ExceptionHandler(InputException.class)
	ResponseEntity<Map<String, Object>> input(InputException ex) {
		return errors(ex.getMessage());
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class })
	ResponseEntity<Map<String, Object>> unreadable() {
		return errors("The body must be JSON: {\"location\": \"url:...\", \"entity\": {...}}");
	}

	private static ResponseEntity<Map<String, Object>> errors(String message) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("errors", List.of(Map.of("name", "InputError", "message", message))));
	}

}
