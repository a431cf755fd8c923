package dev.atrium.scaffolder.render;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.atrium.platform.EntityRef;

/** Backstage's {@code parseRepoUrl} and {@code parseEntityRef} filters. */
final class RepoUrls {

	private RepoUrls() {
	}

	/**
	 * Parses a RepoUrlPicker value, {@code host?owner=o&repo=r} (also {@code organization},
	 * {@code workspace}, {@code project}), into {@code {host, owner, repo, ...}}.
	 */
	static Map<String, Object> parse(String value) {
		int q = value.indexOf('?');
		String host = (q < 0 ? value : value.substring(0, q)).trim();
		if (host.isEmpty()) {
			throw new RenderException("Invalid repo URL '" + value + "': it has no host; write host?owner=...&repo=...");
		}
		Map<String, Object> parsed = new LinkedHashMap<>();
		parsed.put("host", host);
		if (q >= 0) {
			for (String pair : value.substring(q + 1).split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
					if (java.util.Set.of("owner", "repo", "organization", "workspace", "project").contains(key)) {
						parsed.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
					}
				}
			}
		}
		if (!parsed.containsKey("repo")) {
			throw new RenderException("Invalid repo URL '" + value + "': it names no repo; write host?owner=...&repo=...");
		}
		return parsed;
	}

	static Map<String, Object> entityRef(String value, Object options) {
		Map<?, ?> opts = options instanceof Map<?, ?> m ? m : Map.of();
		Object kind = opts.get("defaultKind");
		Object namespace = opts.get("defaultNamespace");
		EntityRef ref;
		try {
			ref = EntityRef.parse(value, kind == null ? null : Values.text(kind),
					namespace == null ? EntityRef.DEFAULT_NAMESPACE : Values.text(namespace));
		}
		catch (IllegalArgumentException ex) {
			throw new RenderException(ex.getMessage());
		}
		Map<String, Object> parsed = new LinkedHashMap<>();
		parsed.put("kind", ref.kind());
		parsed.put("namespace", ref.namespace());
		parsed.put("name", ref.name());
		return parsed;
	}

}
