/**
 * What every chart component shares: the app's font and colours, no animation (a printout or
 * screenshot must never catch a chart half-drawn, and it spares people who prefer less motion),
 * a sharper canvas for print, and clean-up. Components register their own chart.js parts, so
 * only what a page draws ends up in its bundle.
 */
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint } from 'chart.js';
import { chartFont, chartText } from './palette';

function applyDefaults() {
	Chart.defaults.font.family = chartFont;
	Chart.defaults.font.size = 13;
	Chart.defaults.color = chartText;
	Chart.defaults.animation = false;
	Chart.defaults.maintainAspectRatio = false;
	Chart.defaults.responsive = true;
}

/**
 * Draws a chart on the canvas and returns the function that removes it; call it from an $effect
 * so that the chart is rebuilt when its data changes and destroyed when the component goes.
 */
export function drawChart<T extends ChartType, D = DefaultDataPoint<T>, L = unknown>(
	canvas: HTMLCanvasElement,
	config: ChartConfiguration<T, D, L>
): () => void {
	applyDefaults();
	const chart = new Chart(canvas, {
		...config,
		// Twice the screen's pixels: the same bitmap is scaled onto paper.
		options: { ...config.options, devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) }
	} as ChartConfiguration<T, D, L>);
	// The print layout is narrower than the screen; redraw at the new size before and after.
	const resize = () => chart.resize();
	window.addEventListener('beforeprint', resize);
	window.addEventListener('afterprint', resize);
	return () => {
		window.removeEventListener('beforeprint', resize);
		window.removeEventListener('afterprint', resize);
		chart.destroy();
	};
}
