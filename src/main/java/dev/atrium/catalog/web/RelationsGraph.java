package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.atrium.catalog.store.EntityReader.Relation;

/**
 * The relations graph of an entity page, laid out on the server as SVG: the entity in the middle,
 * what it points at (owner, system, dependencies) on the right, what points at it on the left.
 */
public record RelationsGraph(int width, int height, Node center, List<Node> nodes, List<Edge> edges, int hidden) {

	/** A box with a label, and a link when its entity is in the catalog. */
	public record Node(int x, int y, int w, int h, String label, String kind, String href) {
	}

	/** A line from the center to a node, with the relation's name at its middle. */
	public record Edge(int x1, int y1, int x2, int y2, String label, int lx, int ly) {
	}

	private static final Set<String> OUTGOING = Set.of("ownedby", "partof", "childof", "memberof", "dependson",
			"consumesapi", "providesapi");

	private static final int WIDTH = 920;

	private static final int NODE_W = 230;

	private static final int NODE_H = 34;

	private static final int GAP = 12;

	private static final int PER_SIDE = 12;

	/** The graph of an entity's relations; targets not in {@code existing} (not in the catalog) get no link. */
	static RelationsGraph of(String title, String kind, List<Relation> relations, Set<String> existing) {
		List<Relation> right = new ArrayList<>();
		List<Relation> left = new ArrayList<>();
		for (Relation r : relations) {
			(OUTGOING.contains(r.type().toLowerCase(java.util.Locale.ROOT)) ? right : left).add(r);
		}
		int hidden = Math.max(0, right.size() - PER_SIDE) + Math.max(0, left.size() - PER_SIDE);
		right = right.subList(0, Math.min(PER_SIDE, right.size()));
		left = left.subList(0, Math.min(PER_SIDE, left.size()));
		int rows = Math.max(1, Math.max(right.size(), left.size()));
		int height = rows * (NODE_H + GAP) + GAP;
		Node center = new Node((WIDTH - NODE_W) / 2, (height - NODE_H) / 2, NODE_W, NODE_H, title, kind, null);
		List<Node> nodes = new ArrayList<>();
		List<Edge> edges = new ArrayList<>();
		place(left, 10, height, center, true, existing, nodes, edges);
		place(right, WIDTH - NODE_W - 10, height, center, false, existing, nodes, edges);
		return new RelationsGraph(WIDTH, height, center, nodes, edges, hidden);
	}

	private static void place(List<Relation> side, int x, int height, Node center, boolean left, Set<String> existing,
			List<Node> nodes, List<Edge> edges) {
		int total = side.size() * (NODE_H + GAP) - GAP;
		int y = (height - total) / 2;
		for (Relation r : side) {
			String kind = r.targetRef().substring(0, Math.max(0, r.targetRef().indexOf(':')));
			nodes.add(new Node(x, y, NODE_W, NODE_H, EntityLinks.display(r.targetRef(), null), kind,
					existing.contains(r.targetRef()) ? EntityLinks.href(r.targetRef()) : null));
			int x1 = left ? center.x() : center.x() + center.w();
			int y1 = center.y() + NODE_H / 2;
			int x2 = left ? x + NODE_W : x;
			int y2 = y + NODE_H / 2;
			edges.add(new Edge(x1, y1, x2, y2, r.type(), left ? x2 + 50 : x2 - 50, y2 - 5));
			y += NODE_H + GAP;
		}
	}

}
