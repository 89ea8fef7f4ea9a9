import { describeRule, RuleSchema, type Explanation } from '../../domain/eligibility/index.ts';

/**
 * A rule in plain words, one condition per line, groups indented (describeRule of the engine).
 * An unreadable stored rule is shown as such rather than hidden.
 */
export function RuleView(props: { rule: unknown; locale: string; titles?: ReadonlyMap<string, string> }) {
  const parsed = RuleSchema.safeParse(props.rule);
  if (!parsed.success) return <p class="itda-notice itda-notice-warning">{props.locale === 'ko' ? '요건을 읽을 수 없습니다.' : 'The criteria cannot be read.'}</p>;
  // Rules name other programmes by key; people read titles.
  const named = (line: string) => (props.titles ? line.replace(/[a-z0-9]+(?:-[a-z0-9]+)+/g, (k) => (props.titles!.has(k) ? `「${props.titles!.get(k)}」` : k)) : line);
  const lines = describeRule(parsed.data, props.locale === 'en' ? 'en' : 'ko').split('\n').map(named);
  return (
    <ul class="itda-rule">
      {lines.map((line) => {
        const depth = (/^ */.exec(line)?.[0].length ?? 0) / 2;
        return <li class={`itda-rule-d${Math.min(depth, 4)}`}>{line.trim().replace(/^[-•]\s*/, '')}</li>;
      })}
    </ul>
  );
}

const STATUS_CLASS = { eligible: 'met', ineligible: 'unmet', unknown: 'unknown' } as const;

/** An explained verdict: every criterion with the rule, the business's value and met / not met / unknown. */
export function ExplanationView(props: { e: Explanation }) {
  const e = props.e;
  if (e.kind === 'criterion') {
    return (
      <li class={`itda-crit itda-crit-${STATUS_CLASS[e.verdict]}`}>
        <span class="itda-crit-status">{e.status}</span> <span class="itda-crit-rule">{e.rule}</span>
        <span class="itda-crit-value"> — {e.value}</span>
        {e.gap && <span class="itda-crit-gap"> ({e.gap})</span>}
        {e.note && <span class="form-hint"> · {e.note}</span>}
      </li>
    );
  }
  return (
    <li class={`itda-crit-group itda-crit-${STATUS_CLASS[e.verdict]}`}>
      <span>{e.heading}</span>
      <ul>
        {e.children.map((ch) => (
          <ExplanationView e={ch} />
        ))}
      </ul>
    </li>
  );
}
