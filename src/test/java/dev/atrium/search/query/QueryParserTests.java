package dev.atrium.search.query;

import java.util.List;
import java.util.Map;

import dev.atrium.platform.InputException;
import dev.atrium.search.index.Words;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Web-search syntax, names split into words, highlights and the edit distance of typos. */
class QueryParserTests {

	@Test
	void wordsArePrefixesAndPhrasesAreExact() {
		assertThat(QueryParser.parse("pay gate").toTsQuery(Map.of())).isEqualTo("((('pay':*))) & ((('gate':*)))");
		// Neighbouring words of letters are indexed joined: a phrase of them needs no positions.
		assertThat(QueryParser.parse("\"card payments\"").toTsQuery(Map.of())).isEqualTo("(('cardpayments'))");
		assertThat(QueryParser.parse("\"secure card payments\"").toTsQuery(Map.of()))
			.isEqualTo("(('securecard' & 'cardpayments'))");
		assertThat(QueryParser.parse("\"api v2\"").toTsQuery(Map.of())).isEqualTo("(('api' <-> 'v2'))");
	}

	@Test
	void orJoinsAlternativesAndMinusExcludes() {
		assertThat(QueryParser.parse("stripe OR adyen -fraud").toTsQuery(Map.of()))
			.isEqualTo("((('stripe':*)) | (('adyen':*))) & !('fraud':AB)");
		assertThat(QueryParser.parse("OR stripe").groups()).hasSize(1);
	}

	@Test
	void namesSplitIntoTheirWordsAndJoined() {
		assertThat(Words.parts("paymentGateway-v2.API_client")).containsExactly("payment", "gateway", "v2", "api", "client");
		assertThat(Words.parts("HTTPServer")).containsExactly("http", "server");
		assertThat(Words.expand("payment-gateway")).isEqualTo("payment gateway paymentgateway");
		assertThat(Words.expand("agile-payment-gateway-0042")).isEqualTo("agile payment gateway 0042 agilepayment paymentgateway");
		assertThat(QueryParser.parse("payment-gate").toTsQuery(Map.of()))
			.isEqualTo("(((('payment':*) <-> ('gate':*)) | 'paymentgate':*))");
	}

	@Test
	void correctionsAreAlternatives() {
		assertThat(QueryParser.parse("paymnet").toTsQuery(Map.of("paymnet", List.of("payment"))))
			.isEqualTo("((('paymnet':* | 'payment':*)))");
	}

	@Test
	void aQueryMayOnlyExclude() {
		ParsedQuery api = QueryParser.parse("-api");
		assertThat(api.groups()).isEmpty();
		assertThat(api.isEmpty()).isFalse();
		assertThat(api.toTsQuery(Map.of())).isEqualTo("!('api':AB)");
		assertThat(QueryParser.parse("-\"card payments\"").toTsQuery(Map.of())).isEqualTo("!('card':AB <-> 'payments':AB)");
		assertThat(QueryParser.parse("- OR :* &|! 🚀 \"\" \"").isEmpty()).as("no word at all").isTrue();
	}

	@Test
	void controlCharactersAreSpaces() {
		assertThat(QueryParser.parse("pay\u0000ment\u001b").groups()).hasSize(2);
		assertThat(QueryParser.parse("pay\u0000").exact()).isEqualTo("pay");
		assertThat(QueryParser.clean("a\u0000b\ud800c")).isEqualTo("a b c");
		assertThat(QueryParser.hasControl("c++ & #1")).isFalse();
		assertThat(QueryParser.hasControl("\u0000")).isTrue();
	}

	@Test
	void operatorCharactersNeverReachPostgres() {
		// Only a leading '-' excludes; everything else is punctuation between words.
		String tsquery = QueryParser.parse("a' | b:* & !c ( ) \\ -d").toTsQuery(Map.of());
		assertThat(tsquery).isEqualTo("((('a':*))) & ((('b':*))) & ((('c':*))) & !('d':AB)");
	}

	@Test
	void refusesTooLongQueries() {
		assertThatThrownBy(() -> QueryParser.parse("x".repeat(501))).isInstanceOf(InputException.class);
		assertThatThrownBy(() -> QueryParser.parse("a ".repeat(30))).isInstanceOf(InputException.class);
	}

	@Test
	void typosAreOneOrTwoEditsAwaySwapsCountingOnce() {
		assertThat(Spelling.osa("paymnet", "payment")).isEqualTo(1);
		assertThat(Spelling.distance("paymn", "payment")).isEqualTo(1);
		assertThat(Spelling.osa("chekout", "checkout")).isEqualTo(1);
		assertThat(Spelling.osa("fraud", "trade")).isGreaterThan(2);
	}

	@Test
	void highlightsMarkWordsByPrefixAndCutLongTexts() {
		Highlight h = Highlight.of("Authorises <b>card</b> payments", List.of("card", "pay"), false);
		assertThat(h.segments()).extracting(Highlight.Segment::text)
			.containsExactly("Authorises <b>", "card", "</b> ", "payments");
		assertThat(h.tagged("[", "]")).isEqualTo("Authorises <b>[card]</b> [payments]");

		// Case does not matter, a word shorter than the prefix is no match, and words beyond ASCII match too.
		assertThat(Highlight.of("PAYMENT Pa Pay-Ünïcode ünïcodes", List.of("pay", "ünï"), false).tagged("[", "]"))
			.isEqualTo("[PAYMENT] Pa [Pay]-[Ünïcode] [ünïcodes]");

		String longText = "word ".repeat(100) + "needle " + "word ".repeat(100);
		Highlight cut = Highlight.of(longText, List.of("needle"), true);
		assertThat(cut.tagged("[", "]")).startsWith("…").endsWith("…").contains("[needle]");
		assertThat(cut.tagged("", "").length()).isLessThan(Highlight.SNIPPET + 20);
	}

}
