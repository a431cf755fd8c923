package dev.atrium.workflows.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;


/**
 * Small pieces for the server-rendered SVG charts and for the texts pages show: every text that
 * goes into markup passes through {@link #text}, so a job or dataset name cannot inject markup.
 */
final class Svg {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Svg() {
	}

	/**
	 * Escapes {@code & < > " '} as HtmlUtils.htmlEscape does for UTF-8 output, without its cost (it
	 * looks every character up in a table of entity references: a fifth of a pipeline page's CPU), and
	 * writes characters beyond ASCII (the charts' separators, ellipses and dashes) as character
	 * references, so that charts stay one byte per character while they are built.
	 */
	static String text(String value) {
		if (value == null) {
			return "";
		}
		int i = 0;
		int n = value.length();
		while (i < n && !special(value.charAt(i))) {
			i++;
		}
		if (i == n) {
			return value;
		}
		StringBuilder out = new StringBuilder(n + 16).append(value, 0, i);
		for (; i < n; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> {
					if (c < 0x80) {
						out.append(c);
					}
					else {
						int code = value.codePointAt(i);
						out.append("&#").append(code).append(';');
						i += Character.charCount(code) - 1;
					}
				}
			}
		}
		return out.toString();
	}

	private static boolean special(char c) {
		return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80;
	}

	/** The CSS class of a run state: state-completed, state-failed, ... */
	static String stateClass(String state) {
		return "state-" + (state == null ? "new" : state.toLowerCase(Locale.ROOT));
	}

	/** The badge tone of a run state: bad, info, ok, warn or muted. */
	static String tone(String state) {
		return switch (state == null ? "NEW" : state) {
			case "FAILED" -> "bad";
			case "RUNNING" -> "info";
			case "COMPLETED" -> "ok";
			case "ABORTED" -> "warn";
			default -> "muted";
		};
	}

	/** A run state as a word: Completed, Failed, ... */
	static String label(String state) {
		return state.charAt(0) + state.substring(1).toLowerCase(Locale.ROOT);
	}

	/** One decimal, without String.format (charts format thousands of numbers per page). */
	static String number(double value) {
		long tenths = Math.round(value * 10);
		long whole = tenths / 10;
		long fraction = Math.abs(tenths % 10);
		return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + fraction;
	}

	static String duration(Long millis) {
		if (millis == null) {
			return "—";
		}
		return duration(Duration.ofMillis(millis));
	}

	static String duration(Duration d) {
		if (d == null) {
			return "—";
		}
		long s = d.toSeconds();
		if (s < 1) {
			return d.toMillis() + " ms";
		}
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return (s / 60) + " min " + (s % 60) + " s";
		}
		return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
	}

	static String time(Instant t) {
		return t == null ? "—" : TIME.format(t);
	}

	static String ago(Instant t, Instant now) {
		if (t == null) {
			return "never";
		}
		long s = Duration.between(t, now).toSeconds();
		if (s < 0) {
			return "in " + duration(Duration.ofSeconds(-s));
		}
		if (s < 60) {
			return "just now";
		}
		if (s < 3600) {
			return (s / 60) + " min ago";
		}
		if (s < 86400 * 2) {
			return (s / 3600) + " h ago";
		}
		return (s / 86400) + " days ago";
	}

}
