package dev.atrium.scaffolder.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.NotFoundException;
import dev.atrium.scaffolder.task.InvalidValuesException;
import dev.atrium.scaffolder.task.Tasks;
import dev.atrium.scaffolder.template.Parameters;
import dev.atrium.scaffolder.template.Template;
import dev.atrium.scaffolder.template.Templates;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The create pages: the templates to choose from, and a template's form, one parameter page per step,
 * checked on the server, then a review step that creates the task or previews it as a dry run.
 */
@Controller
class CreateController {

	private final Templates templates;

	private final Tasks tasks;

	private final EntityLookup catalog;

	CreateController(Templates templates, Tasks tasks, EntityLookup catalog) {
		this.templates = templates;
		this.tasks = tasks;
		this.catalog = catalog;
	}

	@GetMapping("/create")
	String list(@RequestParam(required = false) String tag, @RequestParam(required = false) String q, Model model) {
		List<Template> all = templates.all();
		TreeSet<String> tags = new TreeSet<>();
		all.forEach(t -> tags.addAll(t.tags()));
		String query = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
		List<Template> shown = all.stream()
			.filter(t -> tag == null || tag.isBlank() || t.tags().contains(tag))
			.filter(t -> query.isEmpty() || (t.title() + " " + (t.description() == null ? "" : t.description()) + " " + t.ref().name())
				.toLowerCase(Locale.ROOT).contains(query))
			.toList();
		model.addAttribute("templates", shown);
		model.addAttribute("total", all.size());
		model.addAttribute("tags", tags);
		model.addAttribute("tag", tag == null ? "" : tag);
		model.addAttribute("q", q == null ? "" : q);
		return "scaffolder/templates";
	}

	@GetMapping("/create/actions")
	String actions(Model model) {
		model.addAttribute("actions", tasks.actions().values());
		return "scaffolder/actions";
	}

	@GetMapping("/create/templates/{namespace}/{name}")
	String form(@PathVariable String namespace, @PathVariable String name, Model model) {
		Template template = template(namespace, name);
		return page(template, 0, Parameters.defaults(template), Map.of(), model);
	}

	@PostMapping("/create/templates/{namespace}/{name}")
	ModelAndView submit(@PathVariable String namespace, @PathVariable String name, @RequestParam(name = "_page", defaultValue = "0") int current,
			@RequestParam(name = "_action", defaultValue = "next") String action, HttpServletRequest request, Model model) {
		Template template = template(namespace, name);
		int pages = template.pages().size();
		int page = Math.max(0, Math.min(current, pages));
		Map<String, Object> values = TemplateForm.values(template, page, request.getParameterMap());
		if (action.equals("back")) {
			return new ModelAndView(page(template, Math.max(0, page - 1), values, Map.of(), model));
		}
		if (page < pages) {
			Map<String, String> errors = errors(Parameters.validate(template.pages().get(page), values));
			if (!errors.isEmpty()) {
				ModelAndView mav = new ModelAndView(page(template, page, values, errors, model));
				mav.setStatus(HttpStatus.BAD_REQUEST);
				return mav;
			}
			return new ModelAndView(page(template, page + 1, values, Map.of(), model));
		}
		List<Parameters.Problem> problems = Parameters.validate(template, values);
		if (!problems.isEmpty()) {
			int first = firstPageWithProblem(template, problems);
			ModelAndView mav = new ModelAndView(page(template, first, values, errors(problems), model));
			mav.setStatus(HttpStatus.BAD_REQUEST);
			return mav;
		}
		Identity who = caller();
		try {
			if (action.equals("dry-run")) {
				model.addAttribute("dryRun", tasks.dryRun(template, values, Map.of(), who, null));
				return new ModelAndView(page(template, pages, values, Map.of(), model));
			}
			UUID id = tasks.submit(template, values, Map.of(), who);
			return new ModelAndView("redirect:/create/tasks/" + id);
		}
		catch (InvalidValuesException ex) {
			ModelAndView mav = new ModelAndView(page(template, firstPageWithProblem(template, ex.problems()), values,
					errors(ex.problems()), model));
			mav.setStatus(HttpStatus.BAD_REQUEST);
			return mav;
		}
		catch (InputException ex) {
			model.addAttribute("formError", ex.getMessage());
			ModelAndView mav = new ModelAndView(page(template, pages, values, Map.of(), model));
			mav.setStatus(HttpStatus.BAD_REQUEST);
			return mav;
		}
	}

	private String page(Template template, int page, Map<String, Object> values, Map<String, String> errors, Model model) {
		int pages = template.pages().size();
		List<String> steps = new ArrayList<>();
		template.pages().forEach(p -> steps.add(p.title()));
		steps.add("Review");
		model.addAttribute("template", template);
		model.addAttribute("steps", steps);
		model.addAttribute("page", page);
		model.addAttribute("review", page >= pages);
		model.addAttribute("hidden", TemplateForm.hidden(template, page >= pages ? -1 : page, values));
		if (page < pages) {
			model.addAttribute("pageInfo", template.pages().get(page));
			model.addAttribute("fields", TemplateForm.fields(template.pages().get(page), values, errors, catalog));
		}
		else {
			model.addAttribute("rows", TemplateForm.review(template, values));
		}
		model.addAttribute("hasErrors", !errors.isEmpty());
		return "scaffolder/form";
	}

	private static int firstPageWithProblem(Template template, List<Parameters.Problem> problems) {
		for (int i = 0; i < template.pages().size(); i++) {
			for (Parameters.Problem p : problems) {
				if (template.pages().get(i).properties().containsKey(p.field())) {
					return i;
				}
			}
		}
		return 0;
	}

	private static Map<String, String> errors(List<Parameters.Problem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		problems.forEach(p -> errors.putIfAbsent(p.field(), p.message()));
		return errors;
	}

	private Template template(String namespace, String name) {
		EntityRef ref;
		try {
			ref = new EntityRef("template", namespace, name);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("Found no template " + namespace + "/" + name);
		}
		return templates.find(ref).orElseThrow(() -> new NotFoundException("Found no template " + ref));
	}

	private Identity caller() {
		return tasks.caller();
	}

}
