import type { RequestEvent } from '@sveltejs/kit';
import { RateLimiter } from 'sveltekit-rate-limiter/server';
import type { Store } from '../store';
import { parseSurveyToken } from '../tokens';

/**
 * Survey links are 144-bit secrets, so guessing is hopeless; still, a client that keeps trying
 * unknown links is slowed down. Only unknown links count: 550 respondents behind one municipal
 * proxy share an address and must never be blocked by each other's valid visits.
 */
const guessLimiter = new RateLimiter({
	IP: [
		[10, 'm'],
		[60, 'h']
	]
});

async function knownToken(store: Store, token: string): Promise<boolean> {
	const parsed = parseSurveyToken(token);
	if (!parsed) return false;
	const round = await store.round(parsed.roundId);
	return round?.invitationByTokenHash(parsed.tokenHash) !== undefined;
}

/**
 * A 429 response when this client has tried too many unknown survey links, else null. `token`
 * is the segment of the routed path, so every spelling of one link counts the same.
 */
export async function tokenGuessingRefusal(store: Store, event: RequestEvent, token: string): Promise<Response | null> {
	if (await knownToken(store, token)) return null;
	if (!(await guessLimiter.isLimited(event))) return null;
	return new Response(
		'<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te veel pogingen</title>' +
			'<h1>Te veel ongeldige links</h1><p>Vanaf dit adres zijn te veel onbekende enquêtelinks geprobeerd. ' +
			'Wacht een paar minuten en open daarna de link uit uw uitnodiging opnieuw.</p></html>',
		{
			status: 429,
			headers: {
				'content-type': 'text/html; charset=utf-8',
				'retry-after': '60',
				// Written here, not rendered by SvelteKit, so kit.csp never sees it; the page needs nothing.
				'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
			}
		}
	);
}
