package dev.atrium.security.web;

import java.io.IOException;

import dev.atrium.security.SignIn;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: the configured OpenID Connect provider(s), and the guest sign-in where it is on. */
@Controller
class SignInController {

	private final SignIn signIn;

	SignInController(SignIn signIn) {
		this.signIn = signIn;
	}

	@GetMapping("/sign-in")
	String page(@RequestParam(required = false) String error, Model model) {
		model.addAttribute("guest", signIn.guestEnabled());
		model.addAttribute("providers", signIn.providers());
		model.addAttribute("anonymousRead", signIn.anonymousRead());
		model.addAttribute("failed", error != null);
		return "security/sign-in";
	}

	@PostMapping("/sign-in/guest")
	void guest(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		if (!signIn.guestEnabled()) {
			response.sendError(HttpStatus.FORBIDDEN.value(), "The guest sign-in is off on this Atrium");
			return;
		}
		signIn.signInAsGuest(request, response);
	}

}
