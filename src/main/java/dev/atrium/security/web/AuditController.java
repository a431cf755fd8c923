package dev.atrium.security.web;

import dev.atrium.security.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page: every change, newest first, filtered by who and by path. */
@Controller
class AuditController {

	static final int PAGE = 100;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String path,
			@RequestParam(required = false) Long before, Model model) {
		var events = audit.events(actor, path, before, PAGE);
		model.addAttribute("events", events);
		model.addAttribute("actor", actor == null ? "" : actor);
		model.addAttribute("path", path == null ? "" : path);
		model.addAttribute("next", events.size() == PAGE ? events.get(events.size() - 1).id() : null);
		return "security/audit";
	}

}
