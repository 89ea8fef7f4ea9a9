import type { Child } from 'hono/jsx';

/** KRDS button (html/code/button.html). */
export function Button(props: {
  children: Child;
  type?: 'submit' | 'button';
  variant?: 'primary' | 'secondary' | 'tertiary' | 'text';
  size?: 'small' | 'medium' | 'large';
  name?: string;
  value?: string;
  class?: string;
}) {
  return (
    <button
      type={props.type ?? 'submit'}
      class={`krds-btn ${props.size ?? 'medium'} ${props.variant ?? 'primary'}${props.class ? ` ${props.class}` : ''}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

/** A link that looks like a KRDS button (navigation, not an action). */
export function LinkButton(props: { href: string; children: Child; variant?: 'primary' | 'secondary' | 'tertiary'; size?: 'small' | 'medium' | 'large' }) {
  return (
    <a href={props.href} class={`krds-btn ${props.size ?? 'medium'} ${props.variant ?? 'secondary'}`}>
      {props.children}
    </a>
  );
}
