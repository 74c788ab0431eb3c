/**
 * Colours for every chart, chosen to survive colour blindness and a greyscale printer:
 * a blue–orange diverging scheme (safe for the common red–green deficiencies) whose steps also
 * differ in lightness, and categorical colours from Okabe & Ito paired with dash patterns and
 * point shapes, so that no series is told apart by hue alone.
 */
import type { PerspectiveId } from '$lib/model/questionnaire';

/**
 * Answer 1..5 (helemaal oneens … helemaal eens). CIELAB lightness 43, 78, 93, 60, 28: every pair
 * is at least 15 apart, so the five categories stay distinct in greyscale.
 */
export const answerColours = ['#a34e05', '#f6b46b', '#ececec', '#4a98c8', '#154273'] as const;
/** Text on each answer colour, at least 4.5:1. */
export const answerTextColours = ['#ffffff', '#1a1a1a', '#1a1a1a', '#1a1a1a', '#ffffff'] as const;

/** Colours for a scale of any length: the 5-step scheme stretched, middle kept neutral. */
export function scaleColours(points: number): { fill: string; text: string }[] {
	return Array.from({ length: points }, (_, i) => {
		const j = points === 1 ? 2 : Math.round((i * 4) / (points - 1));
		return { fill: answerColours[j], text: answerTextColours[j] };
	});
}

/** Two groups compared side by side: dark blue against light orange (lightness 28 vs 78). */
export const pairColours = {
	a: { fill: '#154273', border: '#154273', text: '#ffffff' },
	b: { fill: '#f6b46b', border: '#a34e05', text: '#1a1a1a' }
} as const;

/** The current round against the previous one on the radar. */
export const roundColours = {
	current: { line: '#154273', fill: 'rgba(21, 66, 115, 0.15)' },
	previous: { line: '#c46000', dash: [6, 4] }
} as const;

export type PointStyle = 'circle' | 'triangle' | 'rect' | 'rectRot' | 'star' | 'crossRot';

export interface SeriesStyle {
	colour: string;
	dash: number[];
	point: PointStyle;
}

/** Perspectives as separate series (trend, scatter); each colour is ≥ 3:1 against white. */
const perspectiveStyles: Record<PerspectiveId, SeriesStyle> = {
	inhoud: { colour: '#0072b2', dash: [], point: 'circle' },
	proces: { colour: '#c46000', dash: [8, 4], point: 'triangle' },
	relatie: { colour: '#007a5a', dash: [2, 3], point: 'rect' },
	belangen: { colour: '#b0578d', dash: [10, 3, 2, 3], point: 'rectRot' },
	governance: { colour: '#4a4a4a', dash: [14, 5], point: 'star' }
};
const fallbackStyles: SeriesStyle[] = Object.values(perspectiveStyles);

export function seriesStyle(perspective: PerspectiveId | null, index: number): SeriesStyle {
	return perspective ? perspectiveStyles[perspective] : fallbackStyles[index % fallbackStyles.length];
}

/**
 * Heatmap cell for a difference from the network on a 1..5 scale: orange below, blue above, darker
 * the larger the gap. The number is always printed in the cell, so greyscale loses nothing.
 */
export function differenceColour(diff: number): { fill: string; text: string } {
	const a = Math.abs(diff);
	if (a < 0.1) return { fill: '#ffffff', text: '#1a1a1a' };
	const steps =
		diff > 0
			? [
					{ fill: '#dbe9f4', text: '#1a1a1a' },
					{ fill: '#8fbfdf', text: '#1a1a1a' },
					{ fill: '#1f5c99', text: '#ffffff' }
				]
			: [
					{ fill: '#fde3c8', text: '#1a1a1a' },
					{ fill: '#f4a55a', text: '#1a1a1a' },
					{ fill: '#9c4a04', text: '#ffffff' }
				];
	return steps[a < 0.25 ? 0 : a < 0.5 ? 1 : 2];
}

export const chartText = '#1a1a1a';
export const chartGrid = '#d0d0d0';
export const chartFont = "'Segoe UI', 'Noto Sans', Roboto, Helvetica, Arial, sans-serif";
