import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { adminContext } from '$lib/server/guard';
import * as comments from '$lib/server/comments';

/** The admin's review of a closed round's comments: redact, delete, publish (comments.ts). */
export const load: PageServerLoad = async (event) => {
	const page = await comments.review(await adminContext(event), event.params.id);
	if (!page) error(404, { message: 'Deze meetronde bestaat niet.' });
	return { ...page, justPublished: event.url.searchParams.has('gepubliceerd') };
};

const postSchema = z.object({ commentId: z.string().max(80).default(''), text: z.string().default('') });

async function post(event: RequestEvent) {
	const form = await event.request.formData().catch(() => new FormData());
	return postSchema.parse({
		commentId: form.get('commentId')?.toString(),
		text: form.get('text')?.toString()
	});
}

export const actions: Actions = {
	redact: async (event) => {
		const ctx = await adminContext(event);
		const { commentId, text } = await post(event);
		const out = await comments.redact(ctx, event.params.id, commentId, text);
		// The typed text comes back with the reason, so nothing the admin wrote is lost.
		if (!out.ok) return fail(400, { action: 'redact' as const, commentId, text, errors: out.errors });
		return { action: 'redact' as const, commentId, changed: out.value.changed };
	},

	delete: async (event) => {
		const ctx = await adminContext(event);
		const { commentId } = await post(event);
		const out = await comments.remove(ctx, event.params.id, commentId);
		if (!out.ok) return fail(400, { action: 'delete' as const, commentId, errors: out.errors });
		return { action: 'delete' as const, commentId, sectionId: out.value.sectionId };
	},

	publish: async (event) => {
		const ctx = await adminContext(event);
		const out = await comments.publish(ctx, event.params.id);
		if (!out.ok) return fail(400, { action: 'publish' as const, commentId: '', errors: out.errors });
		redirect(303, `/admin/rounds/${event.params.id}/opmerkingen?gepubliceerd`);
	}
};
