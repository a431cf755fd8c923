package dev.atrium.workflows.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atrium.workflows.run.Job;
import dev.atrium.workflows.run.Run;

/** A run's task runs on a time axis (Airflow's Gantt): when each started and how long it took. */
final class GanttSvg {

	private static final int LABEL = 230;

	private static final int WIDTH = 520;

	private static final int ROW = 22;

	private GanttSvg() {
	}

	static String render(Run run, List<Run> tasks, Map<UUID, Job> jobs, Job parent) {
		Instant start = run.startedAt() != null ? run.startedAt() : run.runAt();
		Instant end = start;
		for (Run t : tasks) {
			Instant s = t.startedAt() != null ? t.startedAt() : t.runAt();
			start = s.isBefore(start) ? s : start;
			Instant e = t.endedAt() != null ? t.endedAt() : t.updatedAt();
			end = e != null && e.isAfter(end) ? e : end;
		}
		double span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
		int height = tasks.size() * ROW + 24;
		StringBuilder svg = new StringBuilder("<svg class=\"gantt\" viewBox=\"0 0 ").append(LABEL + WIDTH + 10).append(' ')
			.append(height).append("\" width=\"").append(LABEL + WIDTH + 10).append("\" height=\"").append(height)
			.append("\" role=\"img\" aria-label=\"Task runs over time\">");
		for (int i = 0; i < tasks.size(); i++) {
			Run t = tasks.get(i);
			Job job = jobs.get(t.jobId());
			String label = job == null ? t.jobId().toString() : job.shortName(parent);
			Instant s = t.startedAt() != null ? t.startedAt() : t.runAt();
			Instant e = t.endedAt() != null ? t.endedAt() : t.updatedAt();
			double x = LABEL + WIDTH * (s.toEpochMilli() - start.toEpochMilli()) / span;
			double w = Math.max(3, WIDTH * (e.toEpochMilli() - s.toEpochMilli()) / span);
			int y = i * ROW;
			svg.append("<text x=\"0\" y=\"").append(y + 15).append("\" class=\"grid-label\">").append(Svg.text(label)).append("</text>")
				.append("<a href=\"").append(Svg.text(PipelineLinks.run(t.id()))).append("\"><rect x=\"").append(Svg.number(x))
				.append("\" y=\"").append(y + 4).append("\" width=\"").append(Svg.number(w)).append("\" height=\"").append(ROW - 8)
				.append("\" rx=\"2\" class=\"bar ").append(Svg.stateClass(t.state())).append("\"><title>")
				.append(Svg.text(label + " · " + t.state() + " · " + Svg.time(s) + " · " + Svg.duration(t.durationMs())))
				.append("</title></rect></a>");
		}
		svg.append("<text x=\"").append(LABEL).append("\" y=\"").append(height - 6).append("\" class=\"axis-label\">")
			.append(Svg.text(Svg.time(start))).append("</text><text x=\"").append(LABEL + WIDTH).append("\" y=\"")
			.append(height - 6).append("\" text-anchor=\"end\" class=\"axis-label\">")
			.append(Svg.text(Svg.duration(end.toEpochMilli() - start.toEpochMilli()) + " later")).append("</text>");
		return svg.append("</svg>").toString();
	}

}
