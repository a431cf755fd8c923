package dev.atrium.workflows.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A job's latest runs as its row keeps them (newest first): each run's state, duration and whether
 * it ended; what the index's duration trend and success rate show. Immutable; it remembers one
 * rendering of itself (the index's sparkline), so that a pipeline listed again and again is drawn
 * once per change.
 */
public final class RecentRuns {

	public static final RecentRuns NONE = new RecentRuns(List.of());

	/** One run: its state, milliseconds from start to end (null while either is unknown), whether it has an end. */
	public record Point(String state, Long durationMs, boolean ended) {
	}

	private final List<Point> points;

	private final Integer successRate;

	private volatile String rendered;

	public RecentRuns(List<Point> latestFirst) {
		this.points = List.copyOf(latestFirst);
		this.successRate = rate(points);
	}

	/** From the arrays of a job row (equal lengths; nulls where the row has none). */
	static RecentRuns of(String[] states, Long[] durations, Boolean[] ended) {
		if (states == null || states.length == 0) {
			return NONE;
		}
		List<Point> points = new ArrayList<>(states.length);
		for (int i = 0; i < states.length; i++) {
			Long duration = durations != null && i < durations.length ? durations[i] : null;
			boolean end = ended != null && i < ended.length && Boolean.TRUE.equals(ended[i]);
			points.add(new Point(states[i], duration, end));
		}
		return new RecentRuns(points);
	}

	/** Newest first. */
	public List<Point> points() {
		return points;
	}

	/** Oldest first. */
	public List<Point> oldestFirst() {
		List<Point> copy = new ArrayList<>(points);
		Collections.reverse(copy);
		return copy;
	}

	public int size() {
		return points.size();
	}

	/** Completed runs among the ended ones, 0 to 100; null when none ended. */
	public Integer successRate() {
		return successRate;
	}

	/** The rendering {@code render} gives, computed on first use; always pass the same function. */
	public String rendered(Function<RecentRuns, String> render) {
		String r = rendered;
		if (r == null) {
			r = render.apply(this);
			rendered = r;
		}
		return r;
	}

	private static Integer rate(List<Point> points) {
		long ended = points.stream().filter(p -> p.ended() && !"RUNNING".equals(p.state()) && !"NEW".equals(p.state())).count();
		if (ended == 0) {
			return null;
		}
		long completed = points.stream().filter(p -> "COMPLETED".equals(p.state())).count();
		return (int) Math.round(100.0 * completed / ended);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RecentRuns r && r.points.equals(points);
	}

	@Override
	public int hashCode() {
		return points.hashCode();
	}

	@Override
	public String toString() {
		return points.toString();
	}

}
