package dev.atrium.search.index;

import java.util.List;

import dev.atrium.search.SearchApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors written as text are the ones PostgreSQL computes itself from the same words. */
class TsVectorsTests extends SearchApplicationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aVectorWrittenAsTextIsTheOneTheDatabaseComputes() {
		List<String[]> samples = List.of(new String[] { "payment-gateway", "Takes card payments for the shop, card after card.", "pci, java" },
				new String[] { "Zoë's Ångström service v2", "Ünïcode wörds and 000042 numbers; emails like a.b@c.d", "" },
				new String[] { "", "", "" },
				new String[] { "x", "the the the the the", "the" },
				new String[] { "agile-payment-gateway-0042", "Moves ledger rows. ".repeat(80), "c++ go" });
		for (String[] sample : samples) {
			String names = Words.expand(sample[0]);
			String text = Words.expand(sample[1]);
			String keywords = Words.expand(sample[2]);
			String ours = TsVectors.of(new TsVectors.Part(names, 'A'), new TsVectors.Part(text, 'B'), new TsVectors.Part(keywords, 'C'));
			Boolean same = jdbc.sql("""
					SELECT ?::tsvector = (setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')
					  || setweight(to_tsvector('simple', ?), 'C'))""")
				.params(ours, names, text, keywords)
				.query(Boolean.class)
				.single();
			assertThat(same).as(sample[0] + " / " + sample[1]).isTrue();
		}
	}

	@Test
	void aPathologicalTextKeepsEveryWord() {
		String text = Words.expand("Moves ledger rows. ".repeat(1000));
		String ours = TsVectors.of(new TsVectors.Part("ledger-keeper", 'A'), new TsVectors.Part(text, 'B'));
		List<String> words = jdbc.sql("SELECT unnest(tsvector_to_array(?::tsvector)) ORDER BY 1").param(ours).query(String.class).list();
		assertThat(words).containsExactlyInAnyOrder("ledger-keeper", "ledger", "ledgerrows", "moves", "movesledger", "rows", "rowsmoves");
	}

}
