import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { networkSettingsSchema } from '$lib/model/network';
import { adminContext } from '$lib/server/guard';
import * as network from '$lib/server/network';
import { fieldErrors } from '$lib/server/form-errors';
import { mailStatus, sendTestMessage } from '$lib/server/mail/test-message';

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	return {
		settings: await network.settings(ctx),
		saved: event.url.searchParams.has('opgeslagen'),
		mail: mailStatus(),
		adminEmail: ctx.actor?.email ?? ''
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ctx = await adminContext(event);
		const form = await event.request.formData().catch(() => new FormData());
		const text = (name: string) => String(form.get(name) ?? '');
		const values = {
			name: text('name'),
			description: text('description'),
			contactEmail: text('contactEmail'),
			senderName: text('senderName'),
			kAnonymity: text('kAnonymity'),
			retentionMonths: text('retentionMonths'),
			requireTotpForAdmins: form.get('requireTotpForAdmins') === 'on'
		};
		const parsed = networkSettingsSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		await network.updateSettings(ctx, parsed.data);
		redirect(303, '/admin/instellingen?opgeslagen');
	},
	testmail: async (event) => {
		const ctx = await adminContext(event);
		return { testMail: await sendTestMessage(ctx) };
	}
};
