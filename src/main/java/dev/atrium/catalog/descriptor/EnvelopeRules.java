package dev.atrium.catalog.descriptor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.atrium.platform.Entity;

/**
 * The rules every entity obeys whatever its kind, as Backstage validates them: apiVersion, kind,
 * metadata.name and namespace, labels, annotations, tags and links. Returns every problem at once,
 * each naming the field, so a user can fix a file in one pass.
 */
public final class EnvelopeRules {

	private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");

	private static final Pattern API_VERSION = Pattern
		.compile("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-zA-Z0-9]{1,63}$");

	private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");

	private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final Pattern DNS_SUBDOMAIN = Pattern
		.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

	private static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");

	private EnvelopeRules() {
	}

	/** Every problem with the entity's envelope; empty when it is valid. */
	public static List<String> check(Map<String, Object> body) {
		List<String> problems = new ArrayList<>();
		checkNul(body, "", problems);
		if (body.containsKey("relations")) {
			problems.add("relations must not be written in a descriptor; the catalog derives them");
		}
		Object apiVersion = body.get("apiVersion");
		if (!(apiVersion instanceof String s) || s.isBlank()) {
			problems.add("apiVersion is required");
		}
		else if (!API_VERSION.matcher(s).matches()) {
			problems.add("apiVersion '" + s + "' is not of the form <group>/<version>");
		}
		Object kind = body.get("kind");
		if (!(kind instanceof String k) || k.isBlank()) {
			problems.add("kind is required");
		}
		else if (k.length() > 63 || !KIND.matcher(k).matches()) {
			problems.add("kind '" + k + "' must be 1-63 letters and digits, starting with a letter");
		}
		Object metadata = body.get("metadata");
		if (!(metadata instanceof Map<?, ?>)) {
			problems.add("metadata is required and must be an object");
			return problems;
		}
		Map<String, Object> meta = Entity.map(metadata);
		Object name = meta.get("name");
		if (!(name instanceof String n) || n.isBlank()) {
			problems.add("metadata.name is required");
		}
		else if (!isValidName(n)) {
			problems.add("metadata.name '" + n + "' must be 1-63 characters of [a-zA-Z0-9] separated by [-_.]");
		}
		Object namespace = meta.get("namespace");
		if (namespace != null && (!(namespace instanceof String ns) || ns.length() > 63 || !DNS_LABEL.matcher(ns).matches())) {
			problems.add("metadata.namespace '" + namespace + "' must be a lower-case DNS label (a-z, 0-9 and -)");
		}
		for (String field : List.of("title", "description")) {
			Object value = meta.get(field);
			if (value != null && !(value instanceof String)) {
				problems.add("metadata." + field + " must be a string");
			}
		}
		checkKeys(meta.get("labels"), "labels", true, problems);
		checkKeys(meta.get("annotations"), "annotations", false, problems);
		checkTags(meta.get("tags"), problems);
		checkLinks(meta.get("links"), problems);
		if (body.containsKey("spec") && body.get("spec") != null && !(body.get("spec") instanceof Map<?, ?>)) {
			problems.add("spec must be an object");
		}
		return problems;
	}

	public static boolean isValidName(String name) {
		return name.length() <= 63 && NAME.matcher(name).matches();
	}

	/** True for an absolute URI: a scheme and what that scheme needs. */
	public static boolean isValidUri(String url) {
		try {
			URI uri = new URI(url.trim());
			return uri.isAbsolute() && uri.getRawSchemeSpecificPart() != null && !uri.getRawSchemeSpecificPart().isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** True for a link a page may render as a clickable anchor. */
	public static boolean isSafeUrl(String url) {
		try {
			URI uri = new URI(url.trim());
			String scheme = uri.getScheme();
			return scheme != null && switch (scheme.toLowerCase(Locale.ROOT)) {
				case "http", "https" -> uri.getHost() != null;
				case "mailto" -> true;
				default -> false;
			};
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * YAML's "\0" escape gives a NUL character, which PostgreSQL cannot store in text: refused here, so
	 * it is the entity's error instead of a failed write of its whole file.
	 */
	private static void checkNul(Object value, String path, List<String> problems) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> {
				String key = String.valueOf(k);
				String child = path.isEmpty() ? key : path + "." + key;
				if (key.indexOf('\0') >= 0) {
					problems.add("the key " + child.replace("\0", "\\0") + " contains a NUL character (\\0)");
				}
				checkNul(v, child, problems);
			});
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				checkNul(list.get(i), path + "[" + i + "]", problems);
			}
		}
		else if (value instanceof String s && s.indexOf('\0') >= 0) {
			problems.add(path.replace("\0", "\\0") + " contains a NUL character (\\0), which the catalog cannot store");
		}
	}

	private static void checkKeys(Object value, String field, boolean labels, List<String> problems) {
		if (value == null) {
			return;
		}
		if (!(value instanceof Map<?, ?> map)) {
			problems.add("metadata." + field + " must be an object of strings");
			return;
		}
		map.forEach((k, v) -> {
			String key = String.valueOf(k);
			if (!isValidKey(key)) {
				problems.add("metadata." + field + " key '" + key + "' must be [prefix/]name, the prefix a DNS subdomain");
			}
			if (!(v instanceof String s)) {
				problems.add("metadata." + field + "." + key + " must be a string");
			}
			else if (labels && !s.isEmpty() && !isValidName(s)) {
				problems.add("metadata.labels." + key + " value '" + s + "' is not a valid label value");
			}
		});
	}

	private static boolean isValidKey(String key) {
		int slash = key.indexOf('/');
		if (slash < 0) {
			return isValidName(key);
		}
		String prefix = key.substring(0, slash);
		return prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches() && isValidName(key.substring(slash + 1));
	}

	private static void checkTags(Object value, List<String> problems) {
		if (value == null) {
			return;
		}
		if (!(value instanceof List<?> tags)) {
			problems.add("metadata.tags must be a list");
			return;
		}
		for (Object tag : tags) {
			if (!(tag instanceof String t) || t.length() > 63 || !TAG.matcher(t).matches()) {
				problems.add("metadata.tags item '" + tag + "' must be lower-case [a-z0-9:+#] words joined by '-', at most 63 characters");
			}
		}
	}

	private static void checkLinks(Object value, List<String> problems) {
		if (value == null) {
			return;
		}
		if (!(value instanceof List<?> links)) {
			problems.add("metadata.links must be a list");
			return;
		}
		for (int i = 0; i < links.size(); i++) {
			if (!(links.get(i) instanceof Map<?, ?> link) || !(link.get("url") instanceof String url)) {
				problems.add("metadata.links[" + i + "].url is required");
				continue;
			}
			// Backstage asks for a URI, any scheme: pages link only the safe ones (isSafeUrl) and show the rest as text.
			if (!isValidUri(url)) {
				problems.add("metadata.links[" + i + "].url '" + url + "' must be a URI, such as https://example.com/docs");
			}
		}
	}

}
