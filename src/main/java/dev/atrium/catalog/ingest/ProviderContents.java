package dev.atrium.catalog.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * What each {@link dev.atrium.platform.EntityProvider} emitted last, as the YAML its {@code provider}
 * location reads: the provider's entities then go through the same refresh as any file's (processors,
 * errors, removal of what is no longer emitted). Held in memory: every instance has the same providers,
 * which emit again at each start.
 */
@Component
class ProviderContents {

	private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

	void put(String provider, byte[] yaml) {
		contents.put(provider, yaml);
	}

	Optional<byte[]> get(String provider) {
		return Optional.ofNullable(contents.get(provider));
	}

}
