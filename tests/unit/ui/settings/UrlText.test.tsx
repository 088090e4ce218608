/** A relay address as text (issue 11): the same characters, a <wbr> only after separators, left to right, never markup. */
import { render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '../../../fixtures/renderVada';
import { UrlText } from '../../../../src/ui/settings/UrlText';

afterEach(cleanup);

describe('UrlText', () => {
  it('shows the address unchanged, with a break opportunity after each separator run and nowhere else', () => {
    const url = 'https://relay-near-the-square.localhost:8443/gun';
    const { container } = render(() => <UrlText class="relay-url" url={url} />);
    const span = container.querySelector('span.relay-url')!;
    expect(span).toHaveAttribute('dir', 'ltr');
    expect(span.textContent).toBe(url);
    expect([...span.querySelectorAll('.url-part')].map((p) => p.textContent)).toEqual([
      'https://',
      'relay-near-the-square.',
      'localhost:',
      '8443/',
      'gun',
    ]);
    // Each <wbr> sits right after a piece that ends in a separator.
    const breaks = [...span.querySelectorAll('wbr')];
    expect(breaks).toHaveLength(4);
    for (const w of breaks) expect(w.previousElementSibling?.textContent).toMatch(/[:/.]$/);
  });

  it('renders markup in an address as text', () => {
    const url = 'http://<b>x</b>.example/gun';
    const { container } = render(() => <UrlText url={url} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe(url);
  });
});
