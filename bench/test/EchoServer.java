import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Minimal JDK HTTP server on 127.0.0.1 for measuring the load driver's own overhead (the latency
 * floor the harness adds on this machine): answers every request at once with a fixed body.
 * /status/NNN answers NNN, /chunked... uses chunked encoding, /close... sends Connection: close.
 *
 * <pre>
 *   java bench/test/EchoServer.java [port] [bodyBytes]     (defaults 18081, 1024)
 *   java bench/LoadDriver.java --base http://127.0.0.1:18081 --scenario path --path /x --threads 16 --no-results
 * </pre>
 */
public class EchoServer {
	public static void main(String[] args) throws Exception {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
		// delayed ACK and every response takes ~40 ms.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 18081;
		int size = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
		byte[] body = "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
		server.setExecutor(Executors.newFixedThreadPool(32));
		server.createContext("/", ex -> {
			ex.getRequestBody().readAllBytes();
			String path = ex.getRequestURI().getPath();
			int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
			ex.getResponseHeaders().add("Content-Type", "application/json");
			if (path.startsWith("/close")) {
				ex.getResponseHeaders().add("Connection", "close");
			}
			// /chunked...: Transfer-Encoding: chunked instead of Content-Length
			ex.sendResponseHeaders(status, path.startsWith("/chunked") ? 0 : body.length);
			ex.getResponseBody().write(body);
			ex.close();
		});
		server.start();
		System.out.println("echo server on http://127.0.0.1:" + port + " (" + size + "-byte body)");
	}
}
