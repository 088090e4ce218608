/**
 * The screen shown on a plain-http page: why, the https address as a link and
 * as text, the certificate steps, and no error details or stack trace.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SecureContextHelp } from '../../../../src/ui/shell/SecureContextHelp';

afterEach(cleanup);

const ADDRESS = 'https://192.168.43.12:8765/';

describe('SecureContextHelp', () => {
  it('explains why, links to the secure address and gives the fingerprint steps in order', () => {
    render(() => <SecureContextHelp address={ADDRESS} relayHasTls />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Open Vada’s secure address');
    expect(screen.getByTestId('secure-why')).toHaveTextContent(
      /only on secure pages .*https:\/\/.*opened with http:\/\//,
    );
    const link = screen.getByRole('link', { name: ADDRESS });
    expect(link).toHaveAttribute('href', ADDRESS);
    expect(screen.getByTestId('secure-address')).toHaveTextContent(ADDRESS);
    expect(screen.getByText('Open this address instead:')).toBeInTheDocument();
    expect(screen.queryByTestId('secure-no-tls')).toBeNull();
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/warn .*certificate is not trusted/);
    expect(steps[1]).toMatch(/compare its SHA-256 fingerprint with the one shown on the relay’s screen/);
    expect(steps[2]).toMatch(/^Only if every character matches, continue/);
    expect(document.body.textContent).toMatch(/never with a fingerprint shown on a web page/);
    expect(document.body.textContent).not.toMatch(/Details:|Error|at \w+ \(/);
  });

  it('says the relay must be restarted with --tls when it has no secure address', () => {
    render(() => <SecureContextHelp address={ADDRESS} relayHasTls={false} />);
    expect(screen.getByTestId('secure-no-tls')).toHaveTextContent(/person running it must restart it with --tls/);
    expect(screen.queryByText('Open this address instead:')).toBeNull();
    expect(screen.getByRole('link', { name: ADDRESS })).toHaveAttribute('href', ADDRESS);
  });

  it('renders a hostile address as text, never as markup', () => {
    const hostile = 'https://x"><img src=x onerror=alert(1)>:1/';
    render(() => <SecureContextHelp address={hostile} relayHasTls />);
    expect(screen.getByTestId('secure-address').textContent).toBe(hostile);
    expect(document.querySelector('img')).toBeNull();
  });
});
