/**
 * An address shown as text that breaks only after its separators (see
 * urlSegments), left to right in every language: a URL is Latin, and in a
 * right-to-left page its punctuation would otherwise be reordered. Each piece
 * is its own box (`.url-part`, inline-block in app.css), so a line never ends
 * inside one, not even at a hyphen of a host name, unless the piece alone is
 * wider than the line; a <wbr> between pieces marks the break points even
 * without the style sheet.
 */
import { For, type JSX } from 'solid-js';
import { urlSegments } from './urlSegments';

/** `url` as plain text that may break only after each `://`, `/`, `.` and `:`. */
export function UrlText(props: { url: string; class?: string }): JSX.Element {
  return (
    <span class={`url-text ${props.class ?? ''}`.trim()} dir="ltr">
      <For each={urlSegments(props.url)}>
        {(part, i) => (
          <>
            {i() > 0 && <wbr />}
            <span class="url-part">{part}</span>
          </>
        )}
      </For>
    </span>
  );
}
