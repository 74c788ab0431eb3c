import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { adminContext } from '$lib/server/guard';
import { sendingPage } from '$lib/server/mail/page';
import { cancelWave, createWave, markAddressWrong, resendMessage } from '$lib/server/mail/outbox';
import { fromLocalInput } from '$lib/model/local-time';
import { idSchema } from '$lib/model/ids';

const notices: Record<string, string> = {
	uitnodigingen: 'De uitnodigingen gaan uit. Hieronder ziet u hoe ver het is.',
	herinnering: 'De herinnering gaat uit. Hieronder ziet u hoe ver het is.',
	gepland: 'De herinnering is gepland. Op het gekozen moment gaat ze naar wie dan nog niet heeft verzonden.',
	geannuleerd: 'De geplande verzending is geannuleerd.',
	opnieuw: 'Het bericht gaat opnieuw uit.',
	onjuist: 'Het adres is gemarkeerd als onjuist: er gaat niets meer heen tot het is gewijzigd.'
};

export const load: PageServerLoad = async (event) => {
	const ctx = await adminContext(event);
	const page = await sendingPage(ctx, event.params.id);
	if (!page) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	const notice = [...event.url.searchParams.keys()].map((k) => notices[k]).find(Boolean) ?? null;
	return { ...page, notice };
};

const form = (event: RequestEvent) => event.request.formData().catch(() => new FormData());
const id = (value: FormDataEntryValue | null) => {
	const r = idSchema.safeParse(String(value ?? ''));
	return r.success ? r.data : null;
};
const done = (event: RequestEvent, what: string) => redirect(303, `/admin/rounds/${event.params.id}/e-mail?${what}=1`);

export const actions: Actions = {
	invite: async (event) => {
		const ctx = await adminContext(event);
		const data = await form(event);
		const waveId = id(data.get('waveId'));
		if (!waveId) return fail(400, { inviteError: 'Het formulier is onvolledig; laad de pagina opnieuw.' });
		const out = await createWave(ctx, event.params.id, {
			kind: 'invitation',
			onlyNotStarted: false,
			scheduledAt: null,
			waveId,
			seenLatest: String(data.get('seenLatest') ?? '')
		});
		if (!out.ok) return fail(400, { inviteError: out.errors.form });
		done(event, 'uitnodigingen');
	},
	remind: async (event) => {
		const ctx = await adminContext(event);
		const data = await form(event);
		const values = {
			who: data.get('who') === 'niet-begonnen' ? 'niet-begonnen' : 'niet-verzonden',
			when: data.get('when') === 'later' ? 'later' : 'nu',
			at: String(data.get('at') ?? '')
		};
		const waveId = id(data.get('waveId'));
		if (!waveId)
			return fail(400, { remind: values, remindError: 'Het formulier is onvolledig; laad de pagina opnieuw.' });
		let scheduledAt: string | null = null;
		if (values.when === 'later') {
			const parsed = fromLocalInput(values.at);
			if (!parsed.ok) return fail(400, { remind: values, atError: parsed.message });
			scheduledAt = parsed.iso;
		}
		const out = await createWave(ctx, event.params.id, {
			kind: 'reminder',
			onlyNotStarted: values.who === 'niet-begonnen',
			scheduledAt,
			waveId,
			seenLatest: String(data.get('seenLatest') ?? '')
		});
		if (!out.ok) return fail(400, { remind: values, atError: out.errors.scheduledAt, remindError: out.errors.form });
		done(event, scheduledAt ? 'gepland' : 'herinnering');
	},
	cancel: async (event) => {
		const ctx = await adminContext(event);
		const waveId = id((await form(event)).get('waveId'));
		const out = waveId ? await cancelWave(ctx, event.params.id, waveId) : null;
		if (!out?.ok) return fail(400, { waveError: out?.errors.form ?? 'Deze verzending bestaat niet (meer).' });
		done(event, 'geannuleerd');
	},
	resend: async (event) => {
		const ctx = await adminContext(event);
		const messageId = id((await form(event)).get('messageId'));
		const out = messageId ? await resendMessage(ctx, event.params.id, messageId) : null;
		if (!out?.ok)
			return fail(400, { problemId: messageId, problemError: out?.errors.form ?? 'Dit bericht bestaat niet (meer).' });
		done(event, 'opnieuw');
	},
	wrong: async (event) => {
		const ctx = await adminContext(event);
		const data = await form(event);
		const respondentId = id(data.get('respondentId'));
		const out = respondentId ? await markAddressWrong(ctx, respondentId) : null;
		if (!out?.ok)
			return fail(400, {
				problemId: id(data.get('messageId')),
				problemError: out?.errors.form ?? 'Deze deelnemer bestaat niet (meer).'
			});
		done(event, 'onjuist');
	}
};
