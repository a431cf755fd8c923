package ${{ values.javaPackage }}.hello;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A first endpoint to build on: {@code GET /hello?name=Ada} answers {@code {"message":"Hello, Ada!"}}. */
@RestController
class HelloController {

	static final int MAX_NAME_LENGTH = 100;

	@GetMapping("/hello")
	Greeting hello(@RequestParam(defaultValue = "world") String name) {
		if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"name must hold 1 to " + MAX_NAME_LENGTH + " characters");
		}
		return new Greeting("Hello, " + name.strip() + "!");
	}

	/** What {@code /hello} answers. */
	record Greeting(String message) {
	}

}
