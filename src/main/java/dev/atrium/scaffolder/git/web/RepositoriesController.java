package dev.atrium.scaffolder.git.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.atrium.platform.NotFoundException;
import dev.atrium.scaffolder.git.GitRepositories;
import dev.atrium.scaffolder.git.HostedRepository;
import dev.atrium.scaffolder.git.RepositoryName;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The repositories on Atrium's git host: a list with clone URLs, and a page per repository with its files. */
@Controller
class RepositoriesController {

	static final String PATH = GitRepositories.PAGES;

	/** Files listed on a repository's page; a generated service has a few dozen. */
	private static final int MAX_FILES = 1_000;

	/** The largest README shown on a repository's page. */
	private static final int MAX_README = 64 * 1024;

	private final GitRepositories repositories;

	RepositoriesController(GitRepositories repositories) {
		this.repositories = repositories;
	}

	@GetMapping(PATH)
	String list(Model model) throws IOException {
		model.addAttribute("repositories", repositories.list());
		return "scaffolder/repositories";
	}

	@GetMapping(PATH + "/{name}")
	String show(@PathVariable String name, Model model) throws IOException {
		HostedRepository repository = RepositoryName.isValid(name) ? repositories.describe(name).orElse(null) : null;
		if (repository == null) {
			throw new NotFoundException("There is no repository '" + name + "' on Atrium's git host");
		}
		List<String> files = repositories.files(name, repository.defaultBranch(), MAX_FILES);
		String readme = null;
		if (files.contains("README.md")) {
			byte[] bytes = repositories.readFile(name, repository.defaultBranch(), "README.md").orElse(new byte[0]);
			readme = new String(bytes, 0, Math.min(bytes.length, MAX_README), StandardCharsets.UTF_8);
		}
		model.addAttribute("repository", repository);
		model.addAttribute("description", repositories.description(name));
		model.addAttribute("files", files);
		model.addAttribute("truncated", files.size() >= MAX_FILES);
		model.addAttribute("rawBase", "/git/" + name + ".git/raw/" + repository.defaultBranch() + "/");
		model.addAttribute("readme", readme);
		return "scaffolder/repository";
	}

}
