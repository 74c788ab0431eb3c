/**
 * Cross-site request forgery check for every state-changing request.
 *
 * SvelteKit's own check compares the Origin header with the server's origin. That breaks our
 * survey: its pages send `Referrer-Policy: no-referrer` (the link holds a secret), and under
 * that policy browsers send `Origin: null` on form posts, so a no-JavaScript respondent would be
 * refused. Browsers also send `Sec-Fetch-Site`, which pages cannot forge; `same-origin` there
 * proves the post came from one of our own pages. Requests with neither header are not from a
 * browser, so no victim's cookies ride along.
 */
export function csrfRejection(request: Request, url: URL): string | null {
	const method = request.method;
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	// No part of this app accepts text/plain; cross-site forms use it to smuggle payloads.
	if (type.startsWith('text/plain')) return 'Dit soort verzoek wordt niet geaccepteerd.';
	const origin = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	if (origin === url.origin && site !== 'cross-site' && site !== 'same-site') return null;
	if ((origin === null || origin === 'null') && site === 'same-origin') return null;
	if (origin === null && site === null) return null;
	return 'Formulieren van een andere website worden geweigerd.';
}
