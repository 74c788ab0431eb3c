/**
 * What every chart component shares: the app's font and colours, no animation (a printout or
 * screenshot must never catch a chart half-drawn, and it spares people who prefer less motion),
 * a sharper canvas for print, and clean-up. Components register their own chart.js parts, so
 * only what a page draws ends up in its bundle.
 */
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint } from 'chart.js';
import { chartFont, chartText } from './palette';

const mm = (n: number) => (n * 96) / 25.4;
/** A4 less its 12 mm margins (dashboard.css, PageFooter): every chart spans the page on paper. */
const PAPER_WIDTH_PX = mm(210 - 2 * 12);
/** Drawn this much larger than its box on paper and scaled down evenly (the canvas fills its box
 * in print CSS): the chart's 13–14 px labels come out near the report's 8 pt text. */
const PAPER_SCALE = 1.3;

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
	// Before the page is laid out for paper the chart is still as wide as the screen, and a
	// browser prints the bitmap it has. So on the way to paper it is redrawn at its size there:
	// the page's width and the height its box gives it in print (data-print-height, mm, the
	// same figure as its print CSS). Chart.js's own resizing (it watches the box) would undo
	// that when the box changes for print, so while on paper every resize takes the paper size.
	// Back on screen it fits its box again.
	const printHeight = Number(canvas.parentElement?.dataset.printHeight) || 0;
	const resizeTo = chart.resize.bind(chart);
	let onPaper = false;
	chart.resize = (width?: number, height?: number) =>
		onPaper ? resizeTo(PAPER_WIDTH_PX * PAPER_SCALE, mm(printHeight) * PAPER_SCALE) : resizeTo(width, height);
	const toPaper = () => {
		onPaper = printHeight > 0;
		chart.resize();
	};
	const toScreen = () => {
		onPaper = false;
		chart.resize();
	};
	const print = window.matchMedia('print');
	const onMedia = () => (print.matches ? toPaper() : toScreen());
	window.addEventListener('beforeprint', toPaper);
	window.addEventListener('afterprint', toScreen);
	print.addEventListener('change', onMedia);
	return () => {
		window.removeEventListener('beforeprint', toPaper);
		window.removeEventListener('afterprint', toScreen);
		print.removeEventListener('change', onMedia);
		chart.destroy();
	};
}
