package dev.atrium.search.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;

/**
 * Reads Backstage's search query parameters as its frontend sends them (qs-style brackets):
 * {@code term}, {@code types[]=} (or {@code types[0]=}, {@code types=}), {@code filters[kind]=}
 * (or {@code filters[kind][]=}), {@code pageCursor} (base64 of the page number) and {@code pageLimit}
 * (1 to {@value #MAX_LIMIT}: a larger one is an InputError, as in Backstage). Pages end after
 * {@link Searcher#MAX_RESULTS} results: a cursor beyond them gets an empty page.
 */
public final class SearchParameters {

	public static final int DEFAULT_LIMIT = 25;

	public static final int MAX_LIMIT = 100;

	private static final Pattern TYPES = Pattern.compile("types(?:\\[\\d*\\])?");

	private static final Pattern FILTER = Pattern.compile("filters\\[([^\\[\\]]*)\\](?:\\[\\d*\\])?");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

	private SearchParameters() {
	}

	/** The request these parameters describe; an {@link InputException} names the first bad one. */
	public static SearchRequest read(Map<String, String[]> parameters, Collection<String> knownTypes) {
		String term = "";
		List<String> types = new ArrayList<>();
		Map<String, List<String>> filters = new LinkedHashMap<>();
		int page = 0;
		int limit = DEFAULT_LIMIT;
		for (Map.Entry<String, String[]> p : parameters.entrySet()) {
			String key = p.getKey();
			String[] values = p.getValue();
			Matcher filter = FILTER.matcher(key);
			if (key.equals("term")) {
				term = values.length == 0 ? "" : values[0];
			}
			else if (TYPES.matcher(key).matches()) {
				for (String type : values) {
					if (!knownTypes.contains(type)) {
						throw new InputException("Unknown document type '" + type + "'; known types: " + String.join(", ", knownTypes));
					}
					types.add(type);
				}
			}
			else if (filter.matches()) {
				if (!KEY.matcher(filter.group(1)).matches()) {
					throw new InputException("Invalid filter '" + key + "': a filter is filters[<field>]=<value>");
				}
				for (String value : values) {
					if (value.length() > 200) {
						throw new InputException("The value of filter '" + filter.group(1) + "' is too long");
					}
					if (QueryParser.hasControl(value)) {
						throw new InputException("The value of filter '" + filter.group(1) + "' holds a control character");
					}
					if (!value.isBlank()) {
						filters.computeIfAbsent(filter.group(1), k -> new ArrayList<>()).add(value);
					}
				}
			}
			else if (key.startsWith("filters")) {
				throw new InputException("Invalid filter '" + key + "': a filter is filters[<field>]=<value>");
			}
			else if (key.equals("pageCursor")) {
				page = values.length == 0 || values[0].isEmpty() ? 0 : page(values[0]);
			}
			else if (key.equals("pageLimit")) {
				limit = limit(values.length == 0 ? "" : values[0]);
			}
		}
		QueryParser.parse(term); // refuses what is too long before any work
		return new SearchRequest(term, types, filters, page, limit);
	}

	/** Backstage's cursor for a page: base64 of its number. */
	public static String cursor(int page) {
		return Base64.getEncoder().encodeToString(Integer.toString(page).getBytes(StandardCharsets.UTF_8));
	}

	static int page(String cursor) {
		try {
			int page = Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).strip());
			if (page < 0 || page > 10_000) {
				throw new NumberFormatException();
			}
			return page;
		}
		catch (IllegalArgumentException ex) {
			throw new InputException("Invalid pageCursor '" + cursor + "'");
		}
	}

	static int limit(String value) {
		try {
			int limit = Integer.parseInt(value.strip());
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new NumberFormatException();
			}
			return limit;
		}
		catch (NumberFormatException ex) {
			throw new InputException("Invalid pageLimit '" + value + "': a number from 1 to " + MAX_LIMIT);
		}
	}

}
