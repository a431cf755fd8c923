package dev.atrium.web;

import java.util.Comparator;
import java.util.List;

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

/**
 * What the layout shows on every page, read by templates as {@code @layout}. It reads the plugins'
 * beans on each call, so a plugin's entries appear without any registration.
 */
@Component("layout")
public class Layout {

	private final List<NavigationEntry> navigation;

	private final List<Plugin> plugins;

	private final ObjectProvider<Identities> identities;

	Layout(ObjectProvider<NavigationEntry> navigation, ObjectProvider<Plugin> plugins, ObjectProvider<Identities> identities) {
		this.identities = identities;
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
		String requestPath = currentPath();
		if (requestPath == null) {
			return false;
		}
		String path = entry.path();
		return "/".equals(path) ? "/".equals(requestPath)
				: requestPath.equals(path) || requestPath.startsWith(path + "/");
	}

}
