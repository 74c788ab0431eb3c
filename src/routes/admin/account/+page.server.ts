import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { passwordChangeSchema, totpCodeSchema } from '$lib/model/user';
import { accountContext } from '$lib/server/guard';
import * as account from '$lib/server/auth/account';
import { fieldErrors } from '$lib/server/form-errors';

/** The own account; a viewer may post here too, for exactly these actions (guard.ts, OWN_ACCOUNT_ACTIONS). */
export const load: PageServerLoad = async (event) => {
	const ctx = await accountContext(event);
	return {
		account: account.view(ctx),
		enrolment: await account.pendingTotp(ctx, event.locals.sessionId),
		mustEnrol: Boolean(event.locals.user?.mustEnrolTotp),
		done: event.url.searchParams.get('klaar')
	};
};

async function formOf(event: RequestEvent) {
	const form = await event.request.formData().catch(() => new FormData());
	return (name: string) => String(form.get(name) ?? '');
}

/** A refusal the domain gives (wrong password, expired enrolment) next to the field it concerns. */
function refused(e: unknown, action: string, field: string) {
	if (e instanceof account.AccountError) return fail(400, { action, errors: { [field]: e.message } });
	throw e;
}

export const actions: Actions = {
	password: async (event) => {
		const ctx = await accountContext(event);
		const field = await formOf(event);
		const parsed = passwordChangeSchema(ctx.actor!.email).safeParse({
			current: field('current'),
			next: field('next'),
			repeat: field('repeat')
		});
		if (!parsed.success) return fail(400, { action: 'password', errors: fieldErrors(parsed.error) });
		try {
			await account.changePassword(ctx, event.locals.sessionId, parsed.data);
		} catch (e) {
			return refused(e, 'password', 'current');
		}
		redirect(303, '/admin/account?klaar=wachtwoord');
	},

	'totp-start': async (event) => {
		const ctx = await accountContext(event);
		try {
			await account.startTotp(ctx, event.locals.sessionId);
		} catch (e) {
			return refused(e, 'totp-start', 'form');
		}
		// The secret stays on the server, with this session; the page shows it from there.
		redirect(303, '/admin/account#tweede-factor');
	},

	'totp-confirm': async (event) => {
		const ctx = await accountContext(event);
		const field = await formOf(event);
		const parsed = totpCodeSchema.safeParse(field('code'));
		if (!parsed.success) return fail(400, { action: 'totp-confirm', errors: { code: fieldErrors(parsed.error).form } });
		try {
			const { recoveryCodes } = await account.confirmTotp(ctx, event.locals.sessionId, parsed.data);
			// Shown on this answer only: the codes are never stored in plain text, nor put in a URL.
			return { action: 'totp-confirm', recoveryCodes };
		} catch (e) {
			return refused(e, 'totp-confirm', 'code');
		}
	},

	'totp-disable': async (event) => {
		const ctx = await accountContext(event);
		const field = await formOf(event);
		const password = field('password');
		if (!password) return fail(400, { action: 'totp-disable', errors: { password: 'Vul uw huidige wachtwoord in' } });
		try {
			await account.disableTotp(ctx, password);
		} catch (e) {
			return refused(e, 'totp-disable', 'password');
		}
		redirect(303, '/admin/account?klaar=tweede-factor-uit');
	},

	'recovery-codes': async (event) => {
		const ctx = await accountContext(event);
		try {
			const { recoveryCodes } = await account.renewRecoveryCodes(ctx);
			return { action: 'recovery-codes', recoveryCodes };
		} catch (e) {
			return refused(e, 'recovery-codes', 'form');
		}
	}
};
