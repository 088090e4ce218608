/** Save-area form under the app PIN: it says saved areas stay readable when locked; without a PIN it does not. */
import { screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySavedAreaStore } from '../../../../src/platform/savedAreaStore';
import { SaveAreaForm } from '../../../../src/ui/offline/SaveAreaForm';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const tiles = {
  policy: { tileUrl: 'https://t.example/{z}/{x}/{y}.png', bulkMaxZoom: 18 },
  store: createMemorySavedAreaStore(),
};

describe('SaveAreaForm and the app PIN', () => {
  it('with a PIN says saved areas stay readable on the locked phone, and still offers saving', async () => {
    await renderVada(await makeWorld(), () => <SaveAreaForm pinSet={() => true} />, { tiles });
    expect(screen.getByTestId('area-pin-note').textContent).toMatch(
      /Saved map areas stay readable on this phone even while it is locked.*which area you saved/,
    );
    expect((screen.getByTestId('save-area') as HTMLButtonElement).disabled).toBe(false);
  });

  it('without a PIN says nothing about it', async () => {
    await renderVada(await makeWorld(), () => <SaveAreaForm pinSet={() => false} />, { tiles });
    expect(screen.queryByTestId('area-pin-note')).toBeNull();
    expect(screen.getByTestId('save-area')).toBeTruthy();
  });
});
