import { plainText } from './plain-text';

/**
 * How large a request body may be. adapter-node's BODY_SIZE_LIMIT (scripts/serve.js) is one
 * number for the whole app, sized for the largest upload: a CSV import of 10,000 people is about
 * 0.8 MB, and its confirmation sends the text back. Every other post is a form of a few KB, so
 * anything but an import is held to 512 KB here, before the body is read.
 */
export const FORM_LIMIT = 512 * 1024;
export const UPLOAD_LIMIT = 8 * 1024 * 1024;

const isUpload = (routeId: string | null) => routeId !== null && /^\/admin\/.+\/import$/.test(routeId);

export function bodyTooLarge(request: Request, routeId: string | null): Response | null {
	const length = Number(request.headers.get('content-length') ?? 0);
	const limit = isUpload(routeId) ? UPLOAD_LIMIT : FORM_LIMIT;
	if (!(length > limit)) return null;
	return plainText(
		413,
		`Wat u verstuurde is te groot (${Math.ceil(length / 1024)} KB; hooguit ${limit / 1024} KB). ` +
			(isUpload(routeId) ? 'Splits het bestand in delen.' : 'Maak de tekst korter.')
	);
}
