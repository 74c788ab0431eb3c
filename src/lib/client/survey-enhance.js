// @ts-check
/**
 * The survey's only script. Survey pages are server-rendered forms that work fully without
 * JavaScript (`csr = false` in routes/s/[token]/+layout.server.ts): a respondent on an old
 * laptop or a slow phone loads HTML and CSS, not a framework. Where scripts run, this adds three
 * things a plain form cannot do. It is served as a file (CSP `script-src 'self'`), not inlined.
 */

// 1. After a refused post, move focus to the list of reasons so that a screen reader reads them.
const summary = document.querySelector('[data-focus-on-load]');
if (summary instanceof HTMLElement) summary.focus();

// 2. A second click while the first post is under way would only repeat it. The server makes a
//    repeat harmless; this spares the request. A post that never answers frees the form again.
/** @type {WeakMap<HTMLFormElement, number>} */
const busy = new WeakMap();
document.addEventListener('submit', (event) => {
	const form = event.target;
	if (!(form instanceof HTMLFormElement)) return;
	if (busy.has(form)) return event.preventDefault();
	busy.set(
		form,
		window.setTimeout(() => busy.delete(form), 10_000)
	);
});
// The back button can restore this page from memory, flags and all.
window.addEventListener('pageshow', (event) => {
	if (!event.persisted) return;
	for (const form of document.forms) {
		window.clearTimeout(busy.get(form));
		busy.delete(form);
	}
});

// 3. Characters left in a comment field: shown at once, told to screen readers after a pause
//    (a message per keystroke would drown out what they type).
const format = new Intl.NumberFormat('nl-NL');
for (const field of document.querySelectorAll('textarea[maxlength]')) {
	if (!(field instanceof HTMLTextAreaElement)) continue;
	const max = field.maxLength;
	const shown = document.createElement('p');
	shown.className = 'hint count';
	shown.setAttribute('aria-hidden', 'true');
	const told = document.createElement('p');
	told.className = 'visually-hidden';
	told.setAttribute('aria-live', 'polite');
	field.after(shown, told);
	const text = () => {
		const left = max - field.value.length;
		// Over the limit (text put there by a script or kept from before): say by how much.
		if (left < 0) return left === -1 ? '1 teken te veel' : `${format.format(-left)} tekens te veel`;
		return left === 1 ? 'Nog 1 teken over' : `Nog ${format.format(left)} tekens over`;
	};
	let pause = 0;
	const update = () => {
		shown.textContent = text();
		window.clearTimeout(pause);
		pause = window.setTimeout(() => (told.textContent = text()), 1_000);
	};
	shown.textContent = text();
	field.addEventListener('input', update);
}
