package dev.atrium.scaffolder.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hides secret values in text before it is stored or shown: the value itself and the forms it is
 * commonly passed on in (base64, URL-encoded, JSON-escaped), since a log of a derived value leaks the
 * secret as well (Backstage GHSA-mfvq-x7vr-rgqg). Values shorter than three characters are not
 * secrets worth masking and would garble every line.
 */
final class Masker {

	static final String MASK = "***";

	private final List<String> forms;

	Masker(Collection<String> secrets) {
		Set<String> all = new LinkedHashSet<>();
		for (String s : secrets) {
			if (s == null || s.length() < 3) {
				continue;
			}
			all.add(s);
			all.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
			all.add(Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
			all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
			all.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
		}
		List<String> sorted = new ArrayList<>(all);
		sorted.sort(Comparator.comparingInt(String::length).reversed());
		this.forms = sorted;
	}

	String mask(String text) {
		if (text == null || forms.isEmpty()) {
			return text;
		}
		String out = text;
		for (String form : forms) {
			out = out.replace(form, MASK);
		}
		return out;
	}

	/** A copy of a tree of values with every string masked. */
	Object mask(Object value) {
		if (value instanceof String s) {
			return mask(s);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> out.put(String.valueOf(k), mask(v)));
			return out;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(this::mask).toList();
		}
		return value;
	}

}
