import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import { linksCsv } from '$lib/server/exports/service';

// A post, not a link: the file holds live credentials and taking it is recorded.
export const POST: RequestHandler = async (event) => {
	const ctx = await adminContext(event);
	const form = await event.request.formData().catch(() => null);
	const who = form?.get('wie');
	if (who !== 'alle' && who !== 'niet-verzonden') error(400, { message: 'Kies voor wie u de links wilt downloaden.' });
	return linksCsv(ctx, event.params.id, event.url.origin, { notSubmitted: who === 'niet-verzonden' });
};
