package dev.atrium.search.api;

import java.util.List;

/** Queries people (and fuzzers) type that are not quite queries: each must be an answer or an InputError. */
public final class OddQueries {

	public static final List<String> ALL = List.of("-api", "-\"card payments\"", "-", "--", "- -", "\"", "\"\"", "\"\"\"",
			"OR", "OR OR", "payment OR", "OR payment", "-OR", "(", ")", "((payment)", ":*", "pay:*", "&|!", "!payment",
			"& | ! ( ) : * ' \\", "'", "''", "\\", "%", "_", "%_", "über straße", "日本語 検索", "Ελληνικά", "مرحبا", "🚀",
			"🚀🔥 🎉", "👩‍💻", "pay\u0000", "\u0000", "\u001b[31m", "\ud800", "a\u200bb", "<script>alert(1)</script>",
			"'; DROP TABLE search_documents; --", "a".repeat(2000), "payment ".repeat(30).strip(), "x ".repeat(25).strip(),
			"-a ".repeat(24).strip(), "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p", "payment".repeat(70));

	private OddQueries() {
	}

}
