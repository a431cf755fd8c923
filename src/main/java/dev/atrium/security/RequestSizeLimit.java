package dev.atrium.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code atrium.security.max-request-size} (or a path's own limit) with a
 * 413 and a message saying the limit, before anything reads them: by the declared length, and for
 * bodies sent without one (chunked) by reading at most the limit first.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

	private final HardeningProperties properties;

	RequestSizeLimit(HardeningProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		DataSize limit = properties.limitFor(path);
		long declared = request.getContentLengthLong();
		if (declared > limit.toBytes()) {
			refuse(response, limit);
			return;
		}
		boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
		if (!chunked) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), limit.toBytes() + 1);
		if (body.length > limit.toBytes()) {
			refuse(response, limit);
			return;
		}
		chain.doFilter(new Buffered(request, body), response);
	}

	private static void refuse(HttpServletResponse response, DataSize limit) throws IOException {
		response.setHeader("Connection", "close");
		response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"The request is larger than the limit of " + shown(limit) + " for this address");
	}

	static String shown(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		return bytes % 1024 == 0 ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while (out.size() < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - out.size()))) >= 0) {
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	/** A request whose body was read already. */
	private static final class Buffered extends HttpServletRequestWrapper {

		private final byte[] body;

		Buffered(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					java.nio.charset.Charset.forName(getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding())));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
