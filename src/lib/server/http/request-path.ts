/**
 * The path as SvelteKit routes it. SvelteKit decodes percent-escapes before it matches a route
 * (except `%25`, and reserved characters such as `%2F` stay encoded), so `/%61dmin` renders the
 * admin page and `/%73/<token>` the survey. Every check in the hook must look at this same
 * spelling, or an encoded path slips past it. Null when the path cannot be decoded at all
 * (`/s/%`, `/s/%C0%AF`): SvelteKit answers those with 400, and so must everything before it.
 */
export function routedPath(pathname: string): string | null {
	try {
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return null;
	}
}

export const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');
export const isSurveyPath = (path: string) => path.startsWith('/s/');

/** The token segment of a survey path (`/s/<token>/…`), or null. */
export const surveyTokenOf = (path: string) => /^\/s\/([^/]+)/.exec(path)?.[1] ?? null;
