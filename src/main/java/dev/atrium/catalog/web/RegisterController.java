package dev.atrium.catalog.web;

import java.util.ArrayList;
import java.util.List;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.ingest.Ingestion;
import dev.atrium.catalog.ingest.Problem;
import dev.atrium.platform.ConflictException;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registering a catalog-info.yaml: paste its URL, see what would be imported (a dry run that stores
 * nothing), then import it.
 */
@Controller
class RegisterController {

	private final Ingestion ingestion;

	private final CatalogProperties properties;

	private final ObjectProvider<Identities> identities;

	RegisterController(Ingestion ingestion, CatalogProperties properties, ObjectProvider<Identities> identities) {
		this.ingestion = ingestion;
		this.identities = identities;
		this.properties = properties;
	}

	@GetMapping("/catalog/register")
	String form(@RequestParam(required = false) String target, Model model) {
		model.addAttribute("type", "url");
		model.addAttribute("target", target == null ? "" : target);
		return view(model);
	}

	@PostMapping("/catalog/register")
	ModelAndView submit(@RequestParam(defaultValue = "url") String type, @RequestParam(defaultValue = "") String target,
			@RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
		model.addAttribute("type", type);
		model.addAttribute("target", target);
		try {
			if (action.equals("import")) {
				Ingestion.Registration registration = ingestion.register(type, target, caller());
				redirect.addFlashAttribute("notice", "Registered " + registration.location().target() + ": "
						+ registration.refs().size() + " entities read so far; the files it points to follow in a moment.");
				return new ModelAndView("redirect:/catalog/locations/" + registration.location().id());
			}
			Ingestion.Preview preview = ingestion.dryRun(type, target);
			List<EntityRow> rows = new ArrayList<>();
			preview.entities().forEach(p -> rows.add(EntityRow.of(p.entity())));
			model.addAttribute("preview", rows);
			// Problems by file: a Location entity can lead to many, and each one is fixed where it is.
			java.util.Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
			for (Problem p : preview.problems()) {
				problems.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p.message());
			}
			model.addAttribute("problems", problems);
			return new ModelAndView(view(model));
		}
		catch (InputException | ConflictException ex) {
			model.addAttribute("error", ex.getMessage());
			ModelAndView page = new ModelAndView(view(model));
			page.setStatus(ex instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
			return page;
		}
	}

	private String view(Model model) {
		model.addAttribute("fileRoots", properties.fileRoots());
		return "catalog/register";
	}

	/** Who registers: recorded with the location, which they may then unregister. */
	private String caller() {
		Identities current = identities.getIfAvailable();
		Identity identity = current == null ? Identity.ANONYMOUS : current.current();
		return identity.authenticated() ? identity.name() : null;
	}

}
