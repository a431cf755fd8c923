package dev.atrium.workflows.web;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The charts' escaping: what HtmlUtils gives for markup characters, character references beyond ASCII. */
class SvgTests {

	@Test
	void escapesMarkupAsHtmlUtilsDoes() {
		SplittableRandom random = new SplittableRandom(7);
		String alphabet = "ab <>&\"'/=;#x0";
		for (int i = 0; i < 2000; i++) {
			StringBuilder s = new StringBuilder();
			int n = random.nextInt(12);
			for (int k = 0; k < n; k++) {
				s.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(Svg.text(s.toString())).isEqualTo(HtmlUtils.htmlEscape(s.toString(), "UTF-8"));
		}
		assertThat(Svg.text("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
		assertThat(Svg.text(null)).isEmpty();
		String plain = "orders_daily.load";
		assertThat(Svg.text(plain)).isSameAs(plain);
	}

	@Test
	void writesCharactersBeyondAsciiAsReferencesThatReadBackTheSame() {
		String text = "Run 2026-12-01 · FAILED · — … ✕ é 𝔸 <b>";
		String escaped = Svg.text(text);
		assertThat(escaped).matches("\\p{ASCII}*").contains("&#183;").contains("&#120120;").contains("&lt;b&gt;");
		assertThat(HtmlUtils.htmlUnescape(escaped)).isEqualTo(text);
	}

}
