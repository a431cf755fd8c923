package dev.atrium.workflows.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Run;

/**
 * Airflow's grid view as SVG: one column per pipeline run (oldest left), the top row a bar of the
 * run's duration, below it one row per task with a square coloured by the task run's state. Every
 * bar and square links to its run.
 */
final class GridSvg {

	private static final int LABEL = 230;

	private static final int CELL = 18;

	private static final int BARS = 56;

	private GridSvg() {
	}

	static String render(Job pipeline, List<Job> tasks, List<Run> latestFirst, List<Run> taskRuns) {
		List<Run> runs = TrendSvg.oldestFirst(latestFirst);
		Map<String, Run> cells = new HashMap<>();
		for (Run t : taskRuns) {
			cells.merge(t.parentRunId() + "/" + t.jobId(), t, (a, b) -> b.runAt().isAfter(a.runAt()) ? b : a);
		}
		List<Job> rows = tasks.isEmpty() ? List.of(pipeline) : tasks;
		int width = LABEL + Math.max(runs.size(), 1) * CELL + 4;
		int height = BARS + rows.size() * CELL + 6;
		long max = runs.stream().map(Run::durationMs).filter(d -> d != null).mapToLong(Long::longValue).max().orElse(1);
		StringBuilder svg = new StringBuilder("<svg class=\"run-grid\" viewBox=\"0 0 ").append(width).append(' ').append(height)
			.append("\" width=\"").append(width).append("\" height=\"").append(height)
			.append("\" role=\"img\" aria-label=\"Recent runs by task\">");
		svg.append("<text x=\"0\" y=\"").append(BARS - 6).append("\" class=\"grid-label muted\">Run duration</text>");
		for (int i = 0; i < runs.size(); i++) {
			Run r = runs.get(i);
			Long d = r.durationMs();
			double h = d == null ? 3 : Math.max(3, (BARS - 10) * (double) d / max);
			int x = LABEL + i * CELL;
			svg.append("<a href=\"").append(Svg.text(PipelineLinks.run(r.id()))).append("\" class=\"grid-run\"><rect x=\"")
				.append(x + 3).append("\" y=\"").append(Svg.number(BARS - 4 - h)).append("\" width=\"").append(CELL - 6)
				.append("\" height=\"").append(Svg.number(h)).append("\" class=\"bar ").append(Svg.stateClass(r.state()))
				.append("\"><title>").append(Svg.text("Run " + Svg.time(r.runAt()) + " · " + r.state() + " · " + Svg.duration(d)))
				.append("</title></rect></a>");
		}
		for (int row = 0; row < rows.size(); row++) {
			Job task = rows.get(row);
			int y = BARS + row * CELL;
			String label = task == pipeline ? task.name() : task.shortName(pipeline);
			svg.append("<text x=\"0\" y=\"").append(y + 13).append("\" class=\"grid-label\">")
				.append(Svg.text(label.length() > 34 ? label.substring(0, 33) + "…" : label)).append("<title>")
				.append(Svg.text(task.name())).append("</title></text>");
			for (int i = 0; i < runs.size(); i++) {
				Run r = runs.get(i);
				Run cell = task == pipeline ? r : cells.get(r.id() + "/" + task.id());
				int x = LABEL + i * CELL;
				if (cell == null) {
					svg.append("<rect x=\"").append(x + 2).append("\" y=\"").append(y + 2).append("\" width=\"").append(CELL - 4)
						.append("\" height=\"").append(CELL - 4).append("\" rx=\"2\" class=\"cell state-none\"><title>")
						.append(Svg.text(label + ": no run")).append("</title></rect>");
					continue;
				}
				svg.append("<a href=\"").append(Svg.text(PipelineLinks.run(cell.id()))).append("\" class=\"grid-cell\"><rect x=\"")
					.append(x + 2).append("\" y=\"").append(y + 2).append("\" width=\"").append(CELL - 4).append("\" height=\"")
					.append(CELL - 4).append("\" rx=\"2\" class=\"cell ").append(Svg.stateClass(cell.state()))
					.append("\" data-state=\"").append(Svg.text(cell.state())).append("\"><title>")
					.append(Svg.text(label + " · " + cell.state() + " · " + Svg.duration(cell.durationMs())))
					.append("</title></rect></a>");
			}
		}
		return svg.append("</svg>").toString();
	}

}
