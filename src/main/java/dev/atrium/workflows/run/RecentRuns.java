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

	/**
	 * From a job row's arrays as text ({@code array_to_string} with ',', nulls in durations as empty):
	 * states, durations in milliseconds, and 't' or 'f' for ended.
	 */
	static RecentRuns parse(String states, String durations, String ended) {
		if (states == null || states.isEmpty()) {
			return NONE;
		}
		String[] s = states.split(",", -1);
		String[] d = durations == null ? new String[0] : durations.split(",", -1);
		String[] e = ended == null ? new String[0] : ended.split(",", -1);
		List<Point> points = new ArrayList<>(s.length);
		for (int i = 0; i < s.length; i++) {
			Long duration = i < d.length && !d[i].isEmpty() ? Long.valueOf(d[i]) : null;
			points.add(new Point(s[i], duration, i < e.length && e[i].equals("t")));
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
