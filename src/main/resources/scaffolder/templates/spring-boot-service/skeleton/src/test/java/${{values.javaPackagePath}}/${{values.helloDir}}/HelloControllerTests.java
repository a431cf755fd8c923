package ${{ values.javaPackage }}.hello;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(HelloController.class)
class HelloControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void greetsByName() throws Exception {
		mvc.perform(get("/hello").param("name", "Ada"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value("Hello, Ada!"));
	}

	@Test
	void greetsTheWorldWithoutAName() throws Exception {
		mvc.perform(get("/hello")).andExpect(status().isOk()).andExpect(jsonPath("$.message").value("Hello, world!"));
	}

	@Test
	void refusesAnOverlongName() throws Exception {
		mvc.perform(get("/hello").param("name", "x".repeat(HelloController.MAX_NAME_LENGTH + 1)))
			.andExpect(status().isBadRequest());
	}

}
