package dev.atrium.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import dev.atrium.platform.NavigationEntry;
import dev.atrium.platform.Plugin;
import org.springframework.beans.factory.ObjectProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * What the layout shows on every page, read by templates as {@code @layout}. It reads the plugins'
 * beans on each call, so a plugin's entries appear without any registration.
 */
@Component("layout")
public class Layout {

	private final List<NavigationEntry> navigation;

	private final List<Plugin> plugins;

	private final ObjectProvider<Identities> identities;

	private final ObjectProvider<ITemplateEngine> templates;

	/** The sidebar's HTML by context path and active entry: a handful of entries, fixed at start-up. */
	private final Map<String, String> sidebars = new ConcurrentHashMap<>();

	Layout(ObjectProvider<NavigationEntry> navigation, ObjectProvider<Plugin> plugins, ObjectProvider<Identities> identities,
			ObjectProvider<ITemplateEngine> templates) {
		this.identities = identities;
		this.templates = templates;
		this.navigation = navigation.orderedStream()
			.sorted(Comparator.comparingInt(NavigationEntry::order).thenComparing(NavigationEntry::title))
			.toList();
		this.plugins = plugins.orderedStream().sorted(Comparator.comparing(Plugin::title)).toList();
	}

	public List<NavigationEntry> navigation() {
		return navigation;
	}

	public List<Plugin> plugins() {
		return plugins;
	}

	/** Who is signed in, for the header; {@link Identity#ANONYMOUS} without the security module. */
	public Identity identity() {
		Identities current = identities.getIfAvailable();
		return current == null ? Identity.ANONYMOUS : current.current();
	}

	/** The path of the page being rendered (the original one on error pages). */
	public String currentPath() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		HttpServletRequest request = attributes.getRequest();
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return original != null ? original.toString() : request.getRequestURI();
	}

	/** True when the sidebar entry with this path is the section of the current page. */
	public boolean isActive(NavigationEntry entry) {
		return isActive(entry, currentPath());
	}

	private static boolean isActive(NavigationEntry entry, String requestPath) {
		if (requestPath == null) {
			return false;
		}
		String path = entry.path();
		return "/".equals(path) ? "/".equals(requestPath)
				: requestPath.equals(path) || requestPath.startsWith(path + "/");
	}

	/**
	 * The sidebar of the current page as HTML ({@code layout/fragments/sidebar.html}), rendered once per
	 * context path and active section: the entries are fixed at start-up, and the sidebar's icons and
	 * links were a large part of rendering every page.
	 */
	public String sidebar() {
		String requestPath = currentPath();
		String base = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getContextPath() : "";
		int active = -1;
		for (int i = 0; i < navigation.size(); i++) {
			// The most specific section: on /catalog/locations, Locations rather than Catalog.
			if (isActive(navigation.get(i), requestPath)
					&& (active < 0 || navigation.get(i).path().length() > navigation.get(active).path().length())) {
				active = i;
			}
		}
		int selected = active;
		return sidebars.computeIfAbsent(base + "|" + active, key -> {
			Context context = new Context();
			context.setVariable("entries", navigation);
			context.setVariable("base", base);
			context.setVariable("active", selected);
			return templates.getObject().process("layout/fragments/sidebar", Set.of("sidebar"), context);
		});
	}

}
