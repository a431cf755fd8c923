package com.example.hello;

import dev.atrium.platform.EntityLookup;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The plugin's own page, {@code /hello}, on the portal's layout. */
@Controller
class HelloController {

	private final EntityLookup catalog;

	private final HelloProperties properties;

	HelloController(EntityLookup catalog, HelloProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
	}

	@GetMapping("/" + HelloAutoConfiguration.ID)
	String index(Model model) {
		model.addAttribute("greeting", properties.greeting());
		model.addAttribute("components", catalog.ofKind("component", 20));
		return "hello/index";
	}

}
