package dev.atrium.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping, with a cheap first look at each mapping for paths with variables.
 *
 * <p>
 * A request whose path is not literally one of the mapped paths ({@code /api/catalog/entities/by-name/
 * component/default/x}) is matched against every mapping of the application in turn, each evaluating its
 * method, header, consumes and produces conditions (reading the request's attributes through every
 * wrapper around it, the Accept header among them) before its path: a sixth of the CPU of a by-name
 * lookup. Here a mapping is skipped at once when the path does not start with the literal beginning
 * of any of its patterns (everything before the first variable or wildcard), which no matching path
 * can fail to. Paths with percent-encoding or path parameters ({@code ;}) are matched the usual way,
 * since patterns compare decoded segments without parameters.
 */
final class PrefixedHandlerMapping extends RequestMappingHandlerMapping {

	private static final String[] ANY = new String[0];

	/** The path being looked up by this thread, or null when the shortcut does not apply. */
	private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

	private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

	@Override
	protected org.springframework.web.method.HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
			throws Exception {
		boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
		LOOKUP.set(plain ? lookupPath : null);
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			LOOKUP.remove();
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		String path = LOOKUP.get();
		if (path != null) {
			String[] starts = prefixes.computeIfAbsent(info, PrefixedHandlerMapping::literalStarts);
			if (starts != ANY && !startsWithAny(path, starts)) {
				return null;
			}
		}
		return super.getMatchingMapping(info, request);
	}

	private static boolean startsWithAny(String path, String[] starts) {
		for (String start : starts) {
			if (path.startsWith(start)) {
				return true;
			}
		}
		return false;
	}

	/** The literal beginnings of a mapping's patterns, or {@link #ANY} when one of them has none. */
	static String[] literalStarts(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return ANY;
		}
		Set<PathPattern> patterns = condition.getPatterns();
		String[] starts = new String[patterns.size()];
		int i = 0;
		for (PathPattern pattern : patterns) {
			String start = literalStart(pattern.getPatternString());
			if (start.isEmpty() || start.equals("/")) {
				return ANY;
			}
			starts[i++] = start;
		}
		return i == 0 ? ANY : starts;
	}

	/** A pattern up to its first variable, wildcard or character that is not matched literally. */
	static String literalStart(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '{' || c == '*' || c == '?' || c == '%' || c == ';' || c == '\\') {
				return pattern.substring(0, i);
			}
		}
		return pattern;
	}

}
