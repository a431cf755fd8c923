package dev.atrium.catalog.descriptor;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reads catalog files: multi-document YAML (JSON is YAML too), one entity per document. Hostile input
 * is bounded: aliases (the "billion laughs" bomb), nesting depth and size are limited, duplicate keys
 * are refused, and only plain data is built (no tags that construct objects, timestamps stay strings).
 * A broken document is reported and the documents around it are still read where YAML allows.
 */
public final class DescriptorParser {

	private static final int MAX_ALIASES = 50;

	private static final int MAX_DEPTH = 64;

	/** One document of a file: an entity descriptor, or why it could not be read. */
	public record Document(int index, Map<String, Object> descriptor, String error) {

		public boolean ok() {
			return error == null;
		}

	}

	private DescriptorParser() {
	}

	/** Parses every document of a file; empty documents are skipped as Backstage does. */
	public static List<Document> parse(byte[] content) {
		List<Document> documents = new ArrayList<>();
		int index = 0;
		try {
			for (Object document : yaml(content.length).loadAll(
					new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
				index++;
				if (document == null) {
					continue;
				}
				if (document instanceof Map<?, ?> map) {
					documents.add(new Document(index, stringKeys(map), null));
				}
				else {
					documents.add(new Document(index, null, "Expected object at root, got " + describe(document)));
				}
			}
		}
		catch (YAMLException ex) {
			documents.add(new Document(index + 1, null, message(ex)));
		}
		catch (RuntimeException ex) {
			// SnakeYAML signals some limits with plain runtime exceptions; none of them may escape.
			documents.add(new Document(index + 1, null, "YAML error: " + ex.getMessage()));
		}
		return documents;
	}

	/** Writes an entity as YAML for the entity page's raw view. */
	public static String toYaml(Object value) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndent(2);
		options.setIndicatorIndent(0);
		options.setSplitLines(false);
		return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(value);
	}

	private static Yaml yaml(int size) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(MAX_ALIASES);
		options.setNestingDepthLimit(MAX_DEPTH);
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		options.setCodePointLimit(Math.max(size + 1024, 3 * 1024 * 1024));
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new CoreConstructor(options), new Representer(dumper), dumper, options, new PlainResolver());
	}

	private static String message(YAMLException ex) {
		if (ex instanceof MarkedYAMLException marked) {
			Mark mark = marked.getProblemMark();
			String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
			String problem = marked.getProblem() == null ? ex.getMessage() : marked.getProblem();
			return "YAML error" + where + ": " + firstLine(problem);
		}
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		if (message.contains("aliases")) {
			return "YAML error: too many aliases (more than " + MAX_ALIASES + "); the file looks like an alias bomb";
		}
		return "YAML error: " + firstLine(message);
	}

	private static String firstLine(String s) {
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	private static String describe(Object value) {
		if (value instanceof List<?>) {
			return "array";
		}
		if (value instanceof String) {
			return "string";
		}
		if (value instanceof Number) {
			return "number";
		}
		if (value instanceof Boolean) {
			return "boolean";
		}
		return value.getClass().getSimpleName();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> stringKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>();
				map.forEach((k, v) -> copy.put(String.valueOf(k), v));
				return copy;
			}
		}
		return (Map<String, Object>) map;
	}

	/**
	 * YAML 1.2's core schema, as Backstage's parser reads it: only true/false are booleans ("yes", "on"
	 * and "no" stay strings), and there are no timestamps, so dates stay the strings they were written as.
	 * Numbers are decimal, 0o octal or 0x hex: YAML 1.1's 10:30 (sexagesimal 630), 1_000 and 0b101 stay
	 * strings.
	 */
	private static final class PlainResolver extends Resolver {

		private static final java.util.regex.Pattern CORE_BOOL = java.util.regex.Pattern
			.compile("^(?:true|True|TRUE|false|False|FALSE)$");

		private static final java.util.regex.Pattern CORE_INT = java.util.regex.Pattern
			.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");

		private static final java.util.regex.Pattern CORE_FLOAT = java.util.regex.Pattern.compile(
				"^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

		@Override
		protected void addImplicitResolvers() {
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, CORE_BOOL, "tTfF");
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, CORE_INT, "-+0123456789");
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
			addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
		}

	}

	/** Builds plain data, reading integers as YAML 1.2 writes them: 012 is twelve, 0o12 is ten. */
	private static final class CoreConstructor extends SafeConstructor {

		CoreConstructor(LoaderOptions options) {
			super(options);
			this.yamlConstructors.put(org.yaml.snakeyaml.nodes.Tag.INT, new ConstructCoreInt());
		}

		private final class ConstructCoreInt extends org.yaml.snakeyaml.constructor.AbstractConstruct {

			@Override
			public Object construct(org.yaml.snakeyaml.nodes.Node node) {
				String value = constructScalar((org.yaml.snakeyaml.nodes.ScalarNode) node);
				java.math.BigInteger number;
				if (value.startsWith("0x")) {
					number = new java.math.BigInteger(value.substring(2), 16);
				}
				else if (value.startsWith("0o")) {
					number = new java.math.BigInteger(value.substring(2), 8);
				}
				else {
					number = new java.math.BigInteger(value.startsWith("+") ? value.substring(1) : value);
				}
				if (number.bitLength() < 32) {
					return number.intValue();
				}
				return number.bitLength() < 64 ? (Object) number.longValue() : number;
			}

		}

	}

}
