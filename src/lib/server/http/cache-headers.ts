import { isAdminPath, isSurveyPath } from './request-path';

/**
 * Caching rules by what a response holds. `path` is the routed (decoded) path, so `/%61dmin`
 * gets the same rule as `/admin`.
 */
export function applyCacheHeaders(headers: Headers, path: string | null, loggedIn: boolean) {
	// Survey answers, dashboards and login must never sit in a shared or browser cache; and
	// every page rendered for a logged-in user embeds who they are (the layout shows it).
	if (path === null || loggedIn || isSurveyPath(path) || isAdminPath(path) || path === '/login')
		headers.set('Cache-Control', 'private, no-store');
	// The same URL renders differently with and without a session cookie.
	headers.append('Vary', 'Cookie');
}
