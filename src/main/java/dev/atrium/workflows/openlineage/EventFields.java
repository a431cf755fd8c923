package dev.atrium.workflows.openlineage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one field of an event and checks it, or says what is wrong with it and where: names within
 * what PostgreSQL's unique indexes hold, UUIDs, date-times with a zone within a sane window, URIs,
 * and text PostgreSQL can store (no NUL, no unpaired surrogate).
 */
final class EventFields {

	/** RFC 4122 textual form; {@link UUID#fromString} alone accepts shortened forms such as 1-1-1-1-1. */
	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * Bytes of UTF-8 per namespace and per name. A btree index row holds at most 2,704 bytes and
	 * UNIQUE (namespace, name) indexes both: counted in characters, 1,024 Chinese characters were 3 KB.
	 */
	static final int MAX_NAME_BYTES = 1000;

	/** Times before this are a producer's mistake (and year 0 or negative years are no timestamptz). */
	static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

	private EventFields() {
	}

	static String name(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required");
		}
		if (!node.isString() || node.stringValue().isBlank()) {
			throw problem(at + "." + field, "must be a non-empty string");
		}
		String value = node.stringValue();
		if (value.length() * 3 > MAX_NAME_BYTES) {
			int bytes = value.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_NAME_BYTES) {
				throw problem(at + "." + field, "is " + bytes + " bytes long in UTF-8; at most " + MAX_NAME_BYTES);
			}
		}
		return value;
	}

	static UUID uuid(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required");
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		if (!UUID_TEXT.matcher(value).matches()) {
			throw problem(at + "." + field, quote(value) + " is not a UUID");
		}
		return UUID.fromString(value.toLowerCase(Locale.ROOT));
	}

	/** A date-time with a zone, from 1900 to {@code latest}. */
	static Instant time(JsonNode owner, String field, String at, boolean required, Instant latest) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				throw problem(at + "." + field, "is required");
			}
			return null;
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		Instant time;
		try {
			time = ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toInstant();
		}
		catch (DateTimeException | ArithmeticException ex) {
			throw problem(at + "." + field, quote(value) + " is not a date-time with a time zone, such as 2024-05-04T10:00:00Z");
		}
		if (time.isBefore(EARLIEST)) {
			throw problem(at + "." + field, quote(value) + " is before 1900");
		}
		if (time.isAfter(latest)) {
			throw problem(at + "." + field, quote(value) + " is after " + latest + ", ahead of Atrium's clock");
		}
		return time;
	}

	static void uri(JsonNode owner, String field, String at) {
		JsonNode node = owner.get(field);
		if (node == null || node.isNull()) {
			throw problem(at + "." + field, "is required (a URI)");
		}
		String value = node.isString() ? node.stringValue() : node.toString();
		try {
			if (value.isBlank() || new URI(value).getScheme() == null) {
				throw problem(at + "." + field, quote(value) + " is not an absolute URI");
			}
		}
		catch (URISyntaxException ex) {
			throw problem(at + "." + field, quote(value) + " is not a URI");
		}
	}

	/**
	 * Whether a body may hold text PostgreSQL refuses: NUL and lone surrogates reach a JSON body only
	 * as {@code \\u} escapes, or (surrogates) as the bytes 0xED 0xA0..0xBF, which Jackson reads too.
	 * Bodies without either are not walked.
	 */
	static boolean mayHoldBadText(byte[] body) {
		for (int i = 0; i < body.length - 1; i++) {
			if (body[i] == '\\' && body[i + 1] == 'u' || body[i] == (byte) 0xED) {
				return true;
			}
		}
		return false;
	}

	/** Every string and field name of a tree: no NUL (jsonb and text refuse it), no unpaired surrogate. */
	static void checkText(JsonNode node, String at) {
		if (node.isString()) {
			String problem = textProblem(node.stringValue());
			if (problem != null) {
				throw problem(at, problem);
			}
		}
		else if (node.isObject()) {
			for (var field : node.properties()) {
				String problem = textProblem(field.getKey());
				if (problem != null) {
					throw problem(at, "a field name " + problem);
				}
				checkText(field.getValue(), at + "." + field.getKey());
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				checkText(node.get(i), at + "[" + i + "]");
			}
		}
	}

	private static String textProblem(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == 0) {
				return "contains a NUL character (\\u0000), which PostgreSQL cannot store";
			}
			if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + "), which is not Unicode text";
			}
		}
		return null;
	}

	static InputException problem(String at, String what) {
		return new InputException(at + ": " + what);
	}

	static String quote(String value) {
		String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
		return "\"" + shown + "\"";
	}

}
