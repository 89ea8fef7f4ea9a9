import type { Child } from 'hono/jsx';

export type BadgeTone = 'primary' | 'secondary' | 'gray' | 'danger' | 'warning' | 'success' | 'information';

/** KRDS badge (html/code/badge.html): a state in words (never in colour alone, KWCAG 1.4.1). */
export function Badge(props: { tone: BadgeTone; children: Child }) {
  return <span class={`krds-badge bg-light-${props.tone} itda-status-badge`}>{props.children}</span>;
}
