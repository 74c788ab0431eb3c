/** What the login pages say when the policy (login.ts) holds someone back. */
export function lockMessage(
	result: { status: 'client-limited' } | { status: 'locked'; until: Date; knownBrowser: boolean }
): string {
	if (result.status === 'client-limited')
		return 'Te veel inlogpogingen vanaf dit adres. Wacht een paar minuten en probeer het dan opnieuw.';
	return result.knownBrowser
		? `Te veel mislukte pogingen vanuit deze browser. Probeer het over ${minutesUntil(result.until)} opnieuw.`
		: `Te veel mislukte pogingen voor dit account. Probeer het over ${minutesUntil(result.until)} opnieuw, ` +
				'of log in met een browser waarmee u hier eerder inlogde: die houdt toegang.';
}

function minutesUntil(until: Date) {
	const n = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
	return n === 1 ? '1 minuut' : `${n} minuten`;
}
