package dev.atrium.workflows.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.atrium.platform.RecentResults;
import dev.atrium.workflows.WorkflowsProperties;
import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.Pipelines.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The pipelines index: every pipeline, failing and late ones first, with filters kept in the URL. */
@Controller
class PipelinesController {

	static final int PAGE_SIZE = 50;

	private final Pipelines pipelines;

	private final Clock clock;

	private final ITemplateEngine templates;

	/** Rendered rows by filter and page, for as long as the pipelines they show were read (at most 1 s). */
	private final RecentResults<String> rows;

	PipelinesController(Pipelines pipelines, ObjectProvider<Clock> clock, ITemplateEngine templates,
			WorkflowsProperties properties) {
		this.pipelines = pipelines;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.templates = templates;
		this.rows = new RecentResults<>(() -> 0L, properties.summaryCache(), 200);
	}

	@GetMapping("/workflows")
	String index(@RequestParam(required = false) String state, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String namespace, @RequestParam(required = false) String text,
			@RequestParam(defaultValue = "0") int page, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		Filter filter = new Filter(blank(state), blank(owner), blank(namespace), blank(text));
		Pipelines.Page result = pipelines.index(filter, page, PAGE_SIZE);
		model.addAttribute("rows", result.items());
		model.addAttribute("rowsHtml", rows.get(filter + " " + result.page(), result.generation(), () -> rows(result)));
		model.addAttribute("filter", filter);
		model.addAttribute("page", result.page());
		model.addAttribute("pageCount", result.pageCount());
		model.addAttribute("total", result.total());
		model.addAttribute("failing", result.failing());
		model.addAttribute("late", result.late());
		model.addAttribute("states", Pipelines.STATES);
		model.addAttribute("namespaces", pipelines.namespaces());
		model.addAttribute("owners", result.owners());
		model.addAttribute("base", base(filter));
		return htmx != null ? "workflows/index :: results" : "workflows/index";
	}

	/** The rows of a page, rendered once for all views of the same reading of the pipelines. */
	private String rows(Pipelines.Page page) {
		Instant now = clock.instant();
		List<PipelineRow> list = page.items().stream().map(s -> PipelineRow.of(s, now)).toList();
		return templates.process("workflows/fragments/pipeline-rows", Set.of("rows"), new Context(Locale.ROOT, Map.of("rows", list)));
	}

	private static String base(Filter f) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/workflows");
		add(uri, "state", f.state());
		add(uri, "owner", f.owner());
		add(uri, "namespace", f.namespace());
		add(uri, "text", f.text());
		return uri.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder uri, String name, String value) {
		if (value != null) {
			uri.queryParam(name, value);
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() || Objects.equals(value, "all") ? null : value.trim();
	}

}
