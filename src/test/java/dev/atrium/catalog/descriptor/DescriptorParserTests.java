package dev.atrium.catalog.descriptor;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.atrium.catalog.descriptor.DescriptorParser.Document;
import dev.atrium.platform.Entity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorParserTests {

	private static List<Document> parse(String yaml) {
		return DescriptorParser.parse(yaml.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void readsEveryDocumentOfAMultiDocumentFile() {
		List<Document> documents = parse("""
				kind: Component
				metadata: {name: a}
				---
				kind: API
				metadata: {name: b}
				---
				kind: Group
				metadata: {name: c}
				""");

		assertThat(documents).allMatch(Document::ok)
			.extracting(d -> new Entity(d.descriptor()).name())
			.containsExactly("a", "b", "c");
	}

	@Test
	void skipsEmptyDocumentsButCountsThem() {
		List<Document> documents = parse("---\n---\n# a comment only\n---\nkind: Component\n---\n~\n---\n");

		assertThat(documents).singleElement().satisfies(d -> {
			assertThat(d.ok()).isTrue();
			assertThat(d.index()).isEqualTo(3);
		});
	}

	@Test
	void anEmptyFileHasNoDocuments() {
		assertThat(parse("")).isEmpty();
		assertThat(parse("\n\n# nothing\n")).isEmpty();
	}

	@Test
	void refusesARootThatIsNotAnObject() {
		assertThat(parse("- a\n- b\n")).singleElement().extracting(Document::error)
			.isEqualTo("Expected object at root, got array");
		assertThat(parse("just text\n")).singleElement().extracting(Document::error)
			.isEqualTo("Expected object at root, got string");
		assertThat(parse("42\n---\ntrue\n")).extracting(Document::error)
			.containsExactly("Expected object at root, got number", "Expected object at root, got boolean");
	}

	@Test
	void reportsASyntaxErrorWithItsLineAndKeepsTheDocumentsBeforeIt() {
		List<Document> documents = parse("""
				kind: Component
				metadata: {name: ok}
				---
				kind: Component
				metadata:
				  name: [unclosed
				""");

		assertThat(documents).hasSize(2);
		assertThat(documents.get(0).ok()).isTrue();
		assertThat(documents.get(1).index()).isEqualTo(2);
		assertThat(documents.get(1).error()).startsWith("YAML error at line ").doesNotContain("\n");
		assertThat(documents.get(1).error()).matches("YAML error at line [67], column \\d+: .+");
	}

	@Test
	void refusesAnAliasBomb() {
		StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (char c = 'b'; c <= 'j'; c++) {
			bomb.append(c).append(": &").append(c).append(" [")
				.append(String.join(", ", Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
		}

		List<Document> documents = parse(bomb.toString());

		assertThat(documents).singleElement().extracting(Document::error).asString().contains("alias");
	}

	@Test
	void acceptsAFewAliases() {
		List<Document> documents = parse("""
				kind: Component
				metadata:
				  name: a
				  labels: &labels {tier: one}
				spec:
				  copy: *labels
				""");

		assertThat(documents).singleElement().satisfies(d -> assertThat(d.ok()).isTrue());
		assertThat(new Entity(documents.get(0).descriptor()).spec()).containsEntry("copy", Map.of("tier", "one"));
	}

	@Test
	void refusesDeepNesting() {
		String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";

		assertThat(parse(deep)).singleElement().satisfies(d -> assertThat(d.ok()).isFalse());
	}

	@Test
	void refusesDuplicateKeys() {
		List<Document> documents = parse("""
				kind: Component
				metadata:
				  name: a
				  name: b
				""");

		assertThat(documents).singleElement().extracting(Document::error).asString().contains("duplicate key name");
	}

	@Test
	void yesNoOnAndOffStayStrings() {
		Map<String, Object> spec = spec("""
				spec:
				  a: yes
				  b: no
				  c: on
				  d: off
				  e: y
				  f: true
				  g: False
				""");

		assertThat(spec).containsEntry("a", "yes").containsEntry("b", "no").containsEntry("c", "on")
			.containsEntry("d", "off").containsEntry("e", "y").containsEntry("f", true).containsEntry("g", false);
	}

	@Test
	void timestampsAndDatesStayStrings() {
		Map<String, Object> spec = spec("""
				spec:
				  date: 2024-01-31
				  time: 2024-01-31T10:15:00Z
				  spaced: 2001-12-14 21:59:43.10 -5
				""");

		assertThat(spec).containsEntry("date", "2024-01-31").containsEntry("time", "2024-01-31T10:15:00Z")
			.containsEntry("spaced", "2001-12-14 21:59:43.10 -5");
	}

	@Test
	void numbersNullsAndTagsAreReadAsPlainData() {
		Map<String, Object> spec = spec("""
				spec:
				  int: 42
				  float: 2.5
				  nothing: null
				  tilde: ~
				  quoted: "42"
				""");

		assertThat(spec).containsEntry("int", 42).containsEntry("float", 2.5).containsEntry("nothing", null)
			.containsEntry("tilde", null).containsEntry("quoted", "42");
		assertThat(parse("spec: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n"))
			.singleElement()
			.satisfies(d -> assertThat(d.ok()).isFalse());
	}

	@Test
	void valuesThatYaml11ReadsAsNumbersButYaml12DoesNotStayStrings() {
		Map<String, Object> spec = spec("""
				spec:
				  sexagesimal: 10:30
				  underscored: 1_000
				  binary: 0b101
				  leadingZero: 012
				  octal: 0o17
				  hex: 0x1F
				  big: 12345678901
				  huge: 123456789012345678901234567890
				  exponent: 1e3
				  infinity: -.inf
				""");

		assertThat(spec).containsEntry("sexagesimal", "10:30").containsEntry("underscored", "1_000")
			.containsEntry("binary", "0b101").containsEntry("leadingZero", 12).containsEntry("octal", 15)
			.containsEntry("hex", 31).containsEntry("big", 12345678901L)
			.containsEntry("huge", new java.math.BigInteger("123456789012345678901234567890"))
			.containsEntry("exponent", 1000.0).containsEntry("infinity", Double.NEGATIVE_INFINITY);
	}

	@Test
	void readsFilesWithAByteOrderMarkAndWindowsLineEndings() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] yaml = "kind: Component\r\nmetadata:\r\n  name: windows\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[bom.length + yaml.length];
		System.arraycopy(bom, 0, content, 0, bom.length);
		System.arraycopy(yaml, 0, content, bom.length, yaml.length);

		List<Document> documents = DescriptorParser.parse(content);

		assertThat(documents).singleElement().satisfies(d -> assertThat(d.error()).isNull());
		assertThat(documents.get(0).descriptor()).containsKey("kind");
		assertThat(new Entity(documents.get(0).descriptor()).name()).isEqualTo("windows");
	}

	@Test
	void readsJsonToo() {
		List<Document> documents = parse("{\"kind\": \"Component\", \"metadata\": {\"name\": \"json\"}}");

		assertThat(documents).singleElement().satisfies(d -> assertThat(new Entity(d.descriptor()).name()).isEqualTo("json"));
	}

	private static Map<String, Object> spec(String yaml) {
		List<Document> documents = parse(yaml);
		assertThat(documents).singleElement().satisfies(d -> assertThat(d.error()).isNull());
		return new Entity(documents.get(0).descriptor()).spec();
	}

}
