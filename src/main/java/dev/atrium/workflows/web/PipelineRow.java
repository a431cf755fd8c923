package dev.atrium.workflows.web;

import java.time.Instant;
import java.util.Locale;

import dev.atrium.platform.EntityRef;
import dev.atrium.workflows.run.PipelineSummary;

/** A pipeline as a row of the index (and of the group page's list). */
public record PipelineRow(String title, String key, String href, String state, boolean late, String badge, String tone,
		String owner, String ownerHref, String lastRun, String lastRunAt, String duration, String trend,
		String successRate, String dueBy) {

	public static PipelineRow of(PipelineSummary s, Instant now) {
		EntityRef owner = s.ownership() == null ? null : s.ownership().owner();
		String state = s.state();
		String tone = "COMPLETED".equals(state) && s.late() ? "warn" : Svg.tone(state);
		Integer rate = s.successRate();
		return new PipelineRow(s.title(), s.job().key(), PipelineLinks.pipeline(s.job()), state, s.late(),
				Svg.label(state), tone,
				owner == null ? null : owner.displayName(), owner == null ? null : entityHref(owner),
				Svg.ago(s.job().latestRunAt(), now), Svg.time(s.job().latestRunAt()), Svg.duration(s.job().latestDuration()),
				s.recent().rendered(TrendSvg::sparkline), rate == null ? "—" : rate + " %", s.dueBy() == null ? null : Svg.time(s.dueBy()));
	}

	/** The catalog page of an entity. */
	public static String entityHref(EntityRef ref) {
		return "/catalog/" + PipelineLinks.segment(ref.namespace().toLowerCase(Locale.ROOT)) + "/"
				+ PipelineLinks.segment(ref.kind().toLowerCase(Locale.ROOT)) + "/" + PipelineLinks.segment(ref.name());
	}

}
