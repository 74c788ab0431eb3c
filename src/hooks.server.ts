import { type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { getStore } from '$lib/server/store';
import { resolveSession } from '$lib/server/auth/sessions';
import { sessionCookieName } from '$lib/server/auth/cookie';
import { applyCacheHeaders } from '$lib/server/cache-headers';
import { startUp } from '$lib/server/startup';
import { csrfRejection } from '$lib/server/csrf';
import { tokenGuessingRefusal } from '$lib/server/token-guessing';
import { StoreError } from '$lib/server/store';

export const init: ServerInit = async () => {
	try {
		await startUp();
	} catch (e) {
		// A locked or damaged data folder: say which and stop, rather than serve without data.
		if (e instanceof StoreError) {
			console.error(`[opslag] De server start niet: ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const refused = csrfRejection(event.request, event.url);
	if (refused) {
		const response = new Response(refused, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		applyCacheHeaders(response.headers, event.url);
		return response;
	}
	const store = await getStore();
	const guessing = await tokenGuessingRefusal(store, event);
	if (guessing) {
		applyCacheHeaders(guessing.headers, event.url);
		return guessing;
	}
	const token = event.cookies.get(sessionCookieName(event.url)) ?? '';
	event.locals.sessionId = token || null;
	event.locals.user = token ? await resolveSession(store, token) : null;

	const path = event.url.pathname;
	if ((path === '/admin' || path.startsWith('/admin/')) && !event.locals.user) {
		const refusal =
			event.request.method === 'GET' || event.request.method === 'HEAD'
				? new Response(null, {
						status: 303,
						headers: { location: `/login?next=${encodeURIComponent(path + event.url.search)}` }
					})
				: new Response('Niet ingelogd', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		applyCacheHeaders(refusal.headers, event.url);
		return refusal;
	}

	const response = await resolve(event);
	applyCacheHeaders(response.headers, event.url);
	return response;
};

/** Unexpected failures: logged in full for the operator, a calm Dutch sentence for the user. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message };
	console.error('[fout]', error);
	// A read changes nothing: saying "Opslaan lukte niet" there would send people hunting for a lost change.
	if (error instanceof StoreError && error.readFailure)
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
