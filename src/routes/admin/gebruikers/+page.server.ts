import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { z } from 'zod';
import { newUserSchema, userRoleSchema } from '$lib/model/user';
import { idSchema } from '$lib/model/ids';
import { adminContext } from '$lib/server/guard';
import * as team from '$lib/server/auth/team';
import { fieldErrors } from '$lib/server/form-errors';

export const load: PageServerLoad = async (event) => ({ members: team.list(await adminContext(event)) });

const targetSchema = z.object({ userId: idSchema });
const roleChangeSchema = targetSchema.extend({ role: userRoleSchema });

async function fields(event: RequestEvent) {
	const form = await event.request.formData().catch(() => new FormData());
	return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
}

/** What the domain refuses (the last admin, an address already in use) is said on the page. */
function refused(e: unknown, action: string, userId: string | null = null) {
	if (e instanceof team.TeamError) return fail(400, { action, userId, message: e.message });
	throw e;
}

const unknownAccount = (action: string) =>
	fail(400, { action, userId: null, message: 'Dit account bestaat niet (meer).' });

export const actions: Actions = {
	add: async (event) => {
		const ctx = await adminContext(event);
		const values = await fields(event);
		const parsed = newUserSchema.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				action: 'add',
				values: { email: values.email ?? '', role: values.role ?? '' },
				errors: fieldErrors(parsed.error)
			});
		try {
			const { user, password } = await team.add(ctx, parsed.data);
			// Shown on this answer only, once: never stored in plain text, never in a URL.
			return { action: 'add', shown: { email: user.email, password } };
		} catch (e) {
			if (e instanceof team.TeamError)
				return fail(400, {
					action: 'add',
					values: { email: values.email ?? '', role: values.role ?? '' },
					errors: { email: e.message }
				});
			throw e;
		}
	},

	role: async (event) => {
		const ctx = await adminContext(event);
		const parsed = roleChangeSchema.safeParse(await fields(event));
		if (!parsed.success) return unknownAccount('role');
		try {
			await team.changeRole(ctx, parsed.data.userId, parsed.data.role);
		} catch (e) {
			return refused(e, 'role', parsed.data.userId);
		}
		// An admin who made themselves a viewer may no longer open this page.
		redirect(
			303,
			parsed.data.userId === ctx.actor?.id && parsed.data.role !== 'admin' ? '/admin' : '/admin/gebruikers'
		);
	},

	reset: async (event) => {
		const ctx = await adminContext(event);
		const parsed = targetSchema.safeParse(await fields(event));
		if (!parsed.success) return unknownAccount('reset');
		try {
			const { email, password } = await team.resetPassword(ctx, parsed.data.userId);
			return { action: 'reset', shown: { email, password } };
		} catch (e) {
			return refused(e, 'reset', parsed.data.userId);
		}
	},

	remove: async (event) => {
		const ctx = await adminContext(event);
		const parsed = targetSchema.safeParse(await fields(event));
		if (!parsed.success) return unknownAccount('remove');
		try {
			await team.remove(ctx, parsed.data.userId);
		} catch (e) {
			return refused(e, 'remove', parsed.data.userId);
		}
		redirect(303, '/admin/gebruikers');
	}
};
