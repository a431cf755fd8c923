package dev.atrium.workflows.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.atrium.platform.InputException;

/**
 * A node id of Marquez's lineage API, {@code job:<namespace>:<name>} or {@code dataset:<namespace>:<name>},
 * where namespaces and names may hold colons themselves ({@code airflow://host:8080},
 * {@code dataset:postgres://db:5432:shop.orders}). Such an id splits several ways; {@link #readings}
 * lists them, Marquez's reading first, and the caller takes the first that names something stored.
 */
record NodeId(String type, String namespace, String name) {

	/** Marquez's NodeId: a colon not starting {@code //} (a URI's authority) nor digits (a port) ends a part. */
	private static final Pattern DELIMITER = Pattern.compile(":(?!//|\\d+)");

	static List<NodeId> readings(String value) {
		int colon = value.indexOf(':');
		String type = colon < 0 ? value : value.substring(0, colon);
		if (!type.equals("job") && !type.equals("dataset")) {
			throw new InputException("nodeId must be job:<namespace>:<name> or dataset:<namespace>:<name>, not " + value);
		}
		String rest = value.substring(colon + 1);
		List<NodeId> readings = new ArrayList<>();
		String[] parts = value.split(":");
		if (parts.length == 3) {
			add(readings, type, parts[1], parts[2]);
		}
		Matcher delimiter = DELIMITER.matcher(rest);
		if (delimiter.find()) {
			add(readings, type, rest.substring(0, delimiter.start()), rest.substring(delimiter.end()));
		}
		for (int i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
			add(readings, type, rest.substring(0, i), rest.substring(i + 1));
		}
		if (readings.isEmpty()) {
			throw new InputException("nodeId must be " + type + ":<namespace>:<name>, not " + value);
		}
		return readings;
	}

	private static void add(List<NodeId> readings, String type, String namespace, String name) {
		NodeId id = new NodeId(type, namespace, name);
		if (!namespace.isEmpty() && !name.isEmpty() && !readings.contains(id)) {
			readings.add(id);
		}
	}

}
