package dev.atrium.workflows.web;

import java.util.List;

import dev.atrium.workflows.run.RecentRuns;
import dev.atrium.workflows.run.RunStore.RunPoint;

/** Durations over time as SVG: a sparkline for the index, bars for the pipeline page. */
final class TrendSvg {

	private TrendSvg() {
	}

	static <T> List<T> oldestFirst(List<T> latestFirst) {
		List<T> copy = new java.util.ArrayList<>(latestFirst);
		java.util.Collections.reverse(copy);
		return copy;
	}

	/** A 120×24 sparkline of the runs' durations, oldest left; failed runs are red dots. */
	static String sparkline(RecentRuns recent) {
		List<RecentRuns.Point> runs = recent.oldestFirst();
		double width = 120;
		double height = 24;
		long max = 0;
		for (RecentRuns.Point p : runs) {
			if (p.durationMs() != null && p.durationMs() > max) {
				max = p.durationMs();
			}
		}
		StringBuilder svg = new StringBuilder(160 + 24 * runs.size()).append("<svg class=\"sparkline\" viewBox=\"0 0 120 24\" width=\"120\" height=\"24\" role=\"img\" aria-label=\"Duration trend of the last ")
			.append(runs.size()).append(" runs\">");
		if (max == 0 || runs.size() < 2) {
			return svg.append("<line x1=\"0\" y1=\"12\" x2=\"120\" y2=\"12\" class=\"spark-empty\"/></svg>").toString();
		}
		double step = width / (runs.size() - 1);
		StringBuilder points = new StringBuilder();
		StringBuilder dots = new StringBuilder();
		for (int i = 0; i < runs.size(); i++) {
			Long d = runs.get(i).durationMs();
			if (d == null) {
				continue;
			}
			double x = i * step;
			double y = height - 2 - (height - 4) * d / max;
			points.append(Svg.number(x)).append(',').append(Svg.number(y)).append(' ');
			if (!"COMPLETED".equals(runs.get(i).state())) {
				dots.append("<circle cx=\"").append(Svg.number(x)).append("\" cy=\"").append(Svg.number(y))
					.append("\" r=\"2.5\" class=\"").append(Svg.stateClass(runs.get(i).state())).append("\"/>");
			}
		}
		return svg.append("<polyline class=\"spark-line\" points=\"").append(points.toString().trim()).append("\"/>")
			.append(dots)
			.append("</svg>")
			.toString();
	}

	/** Bars of the runs' durations, oldest left, coloured by state, each linking to its run. */
	static String bars(List<RunPoint> latestFirst) {
		List<RunPoint> runs = oldestFirst(latestFirst);
		int n = Math.max(runs.size(), 1);
		double width = 720;
		double height = 140;
		double plot = height - 20;
		long max = runs.stream().map(RunPoint::durationMs).filter(d -> d != null).mapToLong(Long::longValue).max().orElse(1);
		double slot = width / n;
		double bar = Math.max(2, Math.min(24, slot * 0.7));
		StringBuilder svg = new StringBuilder("<svg class=\"duration-chart\" viewBox=\"0 0 720 140\" role=\"img\" aria-label=\"Run durations, oldest left\">")
			.append("<line x1=\"0\" y1=\"").append(plot).append("\" x2=\"720\" y2=\"").append(plot).append("\" class=\"axis\"/>")
			.append("<text x=\"2\" y=\"10\" class=\"axis-label\">").append(Svg.text(Svg.duration(max))).append("</text>");
		for (int i = 0; i < runs.size(); i++) {
			RunPoint r = runs.get(i);
			Long d = r.durationMs();
			double h = d == null ? 3 : Math.max(2, (plot - 14) * d / max);
			double x = i * slot + (slot - bar) / 2;
			svg.append("<a href=\"").append(Svg.text(PipelineLinks.run(r.id()))).append("\"><rect x=\"").append(Svg.number(x))
				.append("\" y=\"").append(Svg.number(plot - h)).append("\" width=\"").append(Svg.number(bar))
				.append("\" height=\"").append(Svg.number(h)).append("\" class=\"bar ").append(Svg.stateClass(r.state()))
				.append("\"><title>").append(Svg.text(r.state() + " · " + Svg.time(r.runAt()) + " · " + Svg.duration(d)))
				.append("</title></rect></a>");
		}
		if (!runs.isEmpty()) {
			svg.append("<text x=\"0\" y=\"136\" class=\"axis-label\">").append(Svg.text(Svg.time(runs.get(0).runAt())))
				.append("</text><text x=\"720\" y=\"136\" text-anchor=\"end\" class=\"axis-label\">")
				.append(Svg.text(Svg.time(runs.get(runs.size() - 1).runAt()))).append("</text>");
		}
		return svg.append("</svg>").toString();
	}

}
