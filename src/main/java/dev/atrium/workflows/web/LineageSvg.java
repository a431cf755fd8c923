package dev.atrium.workflows.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.atrium.workflows.run.Lineage.Graph;
import dev.atrium.workflows.run.Lineage.Node;

/**
 * The lineage graph as SVG, left to right: upstream pipelines and the datasets they write, the
 * pipeline itself, then the datasets it writes and the pipelines reading them. Failed pipelines are
 * drawn red and say so; pipelines link to their pages.
 */
final class LineageSvg {

	private static final int COLUMN = 210;

	private static final int NODE_W = 180;

	private static final int NODE_H = 36;

	private static final int ROW = 50;

	private LineageSvg() {
	}

	static String render(Graph graph) {
		TreeMap<Integer, List<Node>> layers = new TreeMap<>();
		graph.nodes().values().forEach(n -> layers.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n));
		if (layers.isEmpty()) {
			return "";
		}
		int first = layers.firstKey();
		int rows = layers.values().stream().mapToInt(List::size).max().orElse(1);
		int width = (layers.lastKey() - first) * COLUMN + NODE_W + 8;
		int height = rows * ROW + 10;
		Map<String, int[]> at = new HashMap<>();
		layers.forEach((layer, nodes) -> {
			int top = (height - nodes.size() * ROW) / 2;
			for (int i = 0; i < nodes.size(); i++) {
				at.put(nodes.get(i).id(), new int[] { 4 + (layer - first) * COLUMN, top + i * ROW + 7 });
			}
		});
		StringBuilder svg = new StringBuilder("<svg class=\"lineage\" viewBox=\"0 0 ").append(width).append(' ').append(height)
			.append("\" width=\"").append(width).append("\" height=\"").append(height)
			.append("\" role=\"img\" aria-label=\"Lineage: upstream to the left, downstream to the right\">")
			.append("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
			.append("<path d=\"M0,0 L8,4 L0,8 z\" class=\"lineage-arrow\"/></marker></defs>");
		for (Node n : graph.nodes().values()) {
			for (String target : n.out()) {
				int[] a = at.get(n.id());
				int[] b = at.get(target);
				if (a == null || b == null) {
					continue;
				}
				int x1 = a[0] + NODE_W;
				int y1 = a[1] + NODE_H / 2;
				int x2 = b[0];
				int y2 = b[1] + NODE_H / 2;
				int mid = (x1 + x2) / 2;
				svg.append("<path class=\"lineage-edge\" marker-end=\"url(#arrow)\" d=\"M").append(x1).append(',').append(y1)
					.append(" C").append(mid).append(',').append(y1).append(' ').append(mid).append(',').append(y2).append(' ')
					.append(x2).append(',').append(y2).append("\"/>");
			}
		}
		for (Node n : graph.nodes().values()) {
			int[] p = at.get(n.id());
			boolean job = "JOB".equals(n.type());
			String classes = (job ? "lineage-job " + Svg.stateClass(n.job().latestState()) : "lineage-dataset")
					+ (n.failed() ? " failed" : "") + (n.id().equals(graph.rootId()) ? " root" : "");
			String label = n.name().length() > 26 ? "…" + n.name().substring(n.name().length() - 25) : n.name();
			String sub = job ? (n.failed() ? "✕ failed" : n.job().latestState() == null ? "no runs" : n.job().latestState().toLowerCase(java.util.Locale.ROOT)) : n.namespace();
			if (sub.length() > 30) {
				sub = sub.substring(0, 29) + "…";
			}
			StringBuilder box = new StringBuilder("<g class=\"").append(classes).append("\" data-node=\"").append(Svg.text(n.id()))
				.append("\"><title>").append(Svg.text(n.id())).append("</title><rect x=\"").append(p[0]).append("\" y=\"")
				.append(p[1]).append("\" width=\"").append(NODE_W).append("\" height=\"").append(NODE_H).append("\" rx=\"")
				.append(job ? 6 : 17).append("\"/><text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 15)
				.append("\" class=\"lineage-name\">").append(Svg.text(label)).append("</text><text x=\"").append(p[0] + 10)
				.append("\" y=\"").append(p[1] + 29).append("\" class=\"lineage-sub\">").append(Svg.text(sub)).append("</text></g>");
			if (job && !n.id().equals(graph.rootId())) {
				svg.append("<a href=\"").append(Svg.text(PipelineLinks.pipeline(n.namespace(), n.name()))).append("\">").append(box)
					.append("</a>");
			}
			else {
				svg.append(box);
			}
		}
		return svg.append("</svg>").toString();
	}

}
