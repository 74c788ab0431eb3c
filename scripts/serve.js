// The production server: adapter-node's request handler behind a plain Node http server, so
// that the security headers reach every response — static files included, which SvelteKit's
// hooks never see. Honours PORT, HOST and ORIGIN (DESIGN.md §5) and stops gracefully.
import http from 'node:http';
import { securityHeaders } from '../src/lib/server/http/security-headers.js';

const port = Number.parseInt(process.env.PORT || '3000', 10);
const host = process.env.HOST || '0.0.0.0';
process.env.PORT = String(port);
// adapter-node refuses form posts whose Origin differs from ORIGIN, so give it the served URL.
process.env.ORIGIN ||= `http://localhost:${port}`;
// The largest upload (a CSV import); every other post is held to 512 KB by the hook (body-limit.ts).
process.env.BODY_SIZE_LIMIT ||= '8M';
const headers = securityHeaders(process.env.ORIGIN.startsWith('https:'));

const { handler } = await import('../build/handler.js');

const server = http.createServer((req, res) => {
	for (const [name, value] of headers) res.setHeader(name, value);
	// SvelteKit starts reading a request body as soon as it wraps the request and pauses it when
	// nobody takes from the stream. A refusal sent before the body was read (a 404 step, a 403,
	// a 429) left the rest of a large body in the socket, and the next request on that keep-alive
	// connection hung until the connection timed out (found by tests/stress/fuzz.spec.ts).
	// Throw the rest away, as Node does for a body nobody began to read.
	res.on('finish', () => {
		if (req.complete) return;
		req.removeAllListeners('data');
		req.resume();
	});
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Niet gevonden');
	});
});
server.keepAliveTimeout = 5_000;
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	// Requests in flight get 10 s; their writes are awaited before they answer.
	setTimeout(() => process.exit(0), 10_000).unref();
	const closed = new Promise((resolve) => server.close(resolve));
	server.closeIdleConnections();
	// The app's background work (the e-mail sender) adds what it must finish: the message in
	// flight gets its result recorded, so a restart sends nothing twice.
	const finishing = [];
	process.emit('alliantiemonitor:stopping', finishing);
	await Promise.allSettled([closed, ...finishing]);
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
