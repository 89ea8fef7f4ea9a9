import type { Child } from 'hono/jsx';

/** A definition list of facts (label → value); one column on phones (app.css). */
export function Facts(props: { items: [string, Child][]; compact?: boolean }) {
  return (
    <dl class={props.compact ? 'itda-dl itda-dl-compact' : 'itda-dl'}>
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Multi-line text as paragraphs (notices, summaries), without HTML from the data. */
export function Paragraphs(props: { text: string | null | undefined }) {
  const parts = (props.text ?? '').split(/\n{2,}/).filter((p) => p.trim());
  return (
    <>
      {parts.map((p) => (
        <p>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}
