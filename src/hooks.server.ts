import { type Handle, type HandleServerError, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { getStore } from '$lib/server/store';
import { resolveSession } from '$lib/server/auth/sessions';
import { sessionCookieName } from '$lib/server/auth/cookie';
import { applyCacheHeaders } from '$lib/server/http/cache-headers';
import { startUp } from '$lib/server/startup';
import { csrfRejection } from '$lib/server/http/csrf';
import { tokenGuessingRefusal } from '$lib/server/http/token-guessing';
import { routedPath, surveyTokenOf } from '$lib/server/http/request-path';
import { adminAreaRefusal } from '$lib/server/guard';
import { bodyTooLarge } from '$lib/server/http/body-limit';
import { securityHeaders } from '$lib/server/http/security-headers.js';
import { StoreError, StoreReadError, StoreUnavailableError } from '$lib/server/store';
import { LinkKeyError } from '$lib/server/link-key';
import { plainText } from '$lib/server/http/plain-text';

export const init: ServerInit = async () => {
	try {
		await startUp();
	} catch (e) {
		// A locked or damaged data folder: say which and stop, rather than serve without data.
		if (e instanceof StoreError || e instanceof LinkKeyError) {
			console.error(`[opslag] De server start niet: ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	try {
		return await guarded(event, resolve);
	} catch (e) {
		// For a path it cannot decode SvelteKit calls this hook outside its own error handling,
		// so anything thrown here would end the process: answer it instead, whatever it was.
		console.error('[fout]', e);
		if (e instanceof StoreUnavailableError) {
			// The database is away (every request reads from it first): a load balancer may try another instance.
			const response = plainText(503, UNAVAILABLE);
			response.headers.set('Retry-After', '30');
			return finish(response, event, null);
		}
		return finish(plainText(500, 'Er ging aan onze kant iets mis. Probeer het later nog eens.'), event, null);
	}
};

async function guarded(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	// Every check below looks at the path SvelteKit will route, never at its raw spelling.
	const path = routedPath(event.url.pathname);
	const refused = csrfRejection(event.request, event.url);
	if (refused) return finish(plainText(403, refused), event, path);
	const tooLarge = bodyTooLarge(event.request, event.route.id);
	if (tooLarge) return finish(tooLarge, event, path);

	const store = await getStore();
	await store.refresh();
	const token = event.cookies.get(sessionCookieName(event.url)) ?? '';
	event.locals.sessionId = token || null;
	event.locals.user = token ? await resolveSession(store, token) : null;
	// An undecodable path: SvelteKit's own 400 page, with nothing else looked at.
	if (path === null) return finish(await resolve(event), event, path);

	const surveyToken = surveyTokenOf(path);
	if (surveyToken) {
		const guessing = await tokenGuessingRefusal(store, event, surveyToken);
		if (guessing) return finish(guessing, event, path);
	}
	const unauthorised = adminAreaRefusal(event, path);
	if (unauthorised) return finish(unauthorised, event, path);
	return finish(await resolve(event), event, path);
}

/** The headers every response of the app carries, set on a copy when the original is frozen. */
function finish(response: Response, event: RequestEvent, path: string | null): Response {
	let out = response;
	try {
		out.headers.set('X-Content-Type-Options', 'nosniff');
	} catch {
		out = new Response(response.body, response);
	}
	for (const [name, value] of securityHeaders(event.url.protocol === 'https:')) out.headers.set(name, value);
	applyCacheHeaders(out.headers, path, Boolean(event.locals.user));
	return out;
}

const UNAVAILABLE =
	'De database van de monitor gaf geen antwoord. Er is niets gewijzigd. Probeer het over een paar minuten ' +
	'opnieuw; blijft dit zo, meld het dan bij de beheerder van de server.';

/** Unexpected failures: logged in full for the operator, a calm Dutch sentence for the user. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status < 500) return { message };
	console.error('[fout]', error);
	// A read changes nothing: saying "Opslaan lukte niet" there would send people hunting for a lost change.
	if (error instanceof StoreUnavailableError) return { message: 'Gegevens niet bereikbaar', detail: UNAVAILABLE };
	if (error instanceof StoreReadError)
		return {
			message: 'Lezen lukte niet',
			detail:
				'Een bestand met gegevens kon niet worden gelezen. Er is niets gewijzigd. ' +
				'Meld dit bij de beheerder van de server: in het serverlog staat welk bestand het is.'
		};
	if (error instanceof StoreError)
		return {
			message: 'Opslaan lukte niet',
			detail:
				'Uw laatste wijziging kon niet worden bewaard. Wat u eerder opsloeg, is niet verloren. ' +
				'Probeer het over een paar minuten opnieuw.'
		};
	return { message: 'Internal Error' };
};
