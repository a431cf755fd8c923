package dev.atrium.scaffolder.render;

import dev.atrium.platform.InputException;

/** A template or expression that cannot be rendered: a syntax error, a refused construct, a limit reached. */
public class RenderException extends InputException {

	public RenderException(String message) {
		super(message);
	}

}
