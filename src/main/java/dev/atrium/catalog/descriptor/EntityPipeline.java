package dev.atrium.catalog.descriptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityProcessor;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.InvalidEntityException;
import dev.atrium.platform.Relation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one descriptor into an entity ready to store: checks the envelope, fills in the defaults
 * (namespace) and the managed-by annotations, and runs every {@link EntityProcessor} bean in order,
 * collecting the relations they emit.
 */
@Component
public class EntityPipeline {

	/** An entity ready to store. The body carries neither uid nor etag; the store assigns them. */
	public record Processed(EntityRef ref, Map<String, Object> body, List<Relation> relations, String hash) {

		public Entity entity() {
			return new Entity(body);
		}

	}

	public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";

	public static final String MANAGED_BY_ORIGIN_LOCATION = "backstage.io/managed-by-origin-location";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<EntityProcessor> processors;

	public EntityPipeline(ObjectProvider<EntityProcessor> processors) {
		this.processors = processors.orderedStream().sorted(Comparator.comparingInt(EntityProcessor::order)).toList();
	}

	/**
	 * Processes a descriptor read from {@code managedBy} (a {@code type:target}), under the registered
	 * location {@code origin}.
	 * @throws InvalidEntityException with every problem found
	 */
	public Processed process(Map<String, Object> descriptor, String managedBy, String origin) {
		List<String> problems = EnvelopeRules.check(descriptor);
		if (!problems.isEmpty()) {
			throw new InvalidEntityException(String.join("; ", problems));
		}
		Map<String, Object> body = normalize(descriptor, managedBy, origin);
		Entity entity = new Entity(body);
		Set<Relation> relations = new LinkedHashSet<>();
		EntityProcessor.Emitter emitter = relations::add;
		for (EntityProcessor processor : processors) {
			try {
				entity = processor.process(entity, emitter);
			}
			catch (InvalidEntityException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new InvalidEntityException("Processor " + processor.getClass().getSimpleName() + " failed: "
						+ ex.getMessage());
			}
		}
		return new Processed(entity.ref(), entity.body(), new ArrayList<>(relations), hash(entity.body(), relations));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> normalize(Map<String, Object> descriptor, String managedBy, String origin) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("apiVersion", descriptor.get("apiVersion"));
		body.put("kind", descriptor.get("kind"));
		Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) descriptor.get("metadata"));
		metadata.remove("uid");
		metadata.remove("etag");
		metadata.remove("generation");
		metadata.putIfAbsent("namespace", EntityRef.DEFAULT_NAMESPACE);
		Map<String, Object> annotations = new LinkedHashMap<>(Entity.map(metadata.get("annotations")));
		annotations.put(MANAGED_BY_LOCATION, managedBy);
		annotations.put(MANAGED_BY_ORIGIN_LOCATION, origin);
		metadata.put("annotations", annotations);
		body.put("metadata", metadata);
		descriptor.forEach((key, value) -> {
			if (!body.containsKey(key) && !key.equals("relations") && !key.equals("status")) {
				body.put(key, value);
			}
		});
		return body;
	}

	private static String hash(Map<String, Object> body, Set<Relation> relations) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(JSON.writeValueAsBytes(body));
			for (Relation r : relations) {
				digest.update((r.source() + " " + r.type() + " " + r.target() + "\n").getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
