/**
 * The propose form's folded part (issue 11): note, circle and fallback places
 * start folded behind one disclosure whose summary says what is set (the
 * circle always, "Public" marked; a note; how many fallback places), and an
 * error inside unfolds it and focuses the invalid field.
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ProposeSheet } from '../../../../src/ui/points/ProposeSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const options = () => screen.getByTestId('propose-options') as HTMLDetailsElement;
const summary = () => screen.getByTestId('propose-options-summary');

describe('ProposeSheet optional parts', () => {
  it('are folded by default, behind a disclosure that names them, with the required fields and Publish outside', async () => {
    await renderVada(await makeWorld(), () => <ProposeSheet lat={53.9} lon={27.56} />);
    expect(options().open).toBe(false);
    const toggle = screen.getByTestId('propose-options-toggle');
    expect(toggle.tagName).toBe('SUMMARY');
    expect(toggle).toHaveTextContent('Note, circle and fallback places');
    for (const inside of ['field-note', 'propose-circle', 'fallback-fields'])
      expect(options().contains(screen.getByTestId(inside))).toBe(true);
    for (const outside of ['field-title', 'field-start-now', 'field-duration', 'field-place', 'propose-submit'])
      expect(options().contains(screen.getByTestId(outside))).toBe(false);
  });

  it('summarise what is set: the circle (public marked), a note, the number of fallback places', async () => {
    const { store } = await renderVada(await makeWorld(), () => <ProposeSheet lat={53.9} lon={27.56} />);
    expect(summary()).toHaveTextContent(/^Circle: Public \(anyone can read\)$/);
    expect(summary().querySelector('.options-public')).not.toBeNull();

    fireEvent.input(screen.getByTestId('field-note'), { target: { value: 'Bring water' } });
    fireEvent.click(screen.getByTestId('fallback-add'));
    fireEvent.click(screen.getByTestId('fallback-add'));
    expect(summary()).toHaveTextContent('Circle: Public (anyone can read) · Note added · 2 fallback places');
    fireEvent.click(screen.getAllByTestId('fallback-remove')[0]!);
    expect(summary()).toHaveTextContent('Circle: Public (anyone can read) · Note added · 1 fallback place');

    const made = await store.circles.create('Crew');
    if (!made.ok) throw new Error('create failed');
    await waitFor(() => expect((screen.getByTestId('propose-circle') as HTMLSelectElement).options).toHaveLength(2));
    fireEvent.change(screen.getByTestId('propose-circle'), { target: { value: made.circle.id } });
    expect(summary()).toHaveTextContent(/^Circle: Crew · Note added · 1 fallback place$/);
    expect(summary().querySelector('.options-public')).toBeNull();
    // Folded all along: the summary told it without opening.
    expect(options().open).toBe(false);
  });

  it('unfold on an error in a fallback place and focus that field; nothing is published', async () => {
    const world = await makeWorld();
    await renderVada(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
    fireEvent.click(screen.getByTestId('fallback-add'));
    expect(options().open).toBe(false);
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Square' } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    expect(await screen.findByTestId('error-fallbacks')).toBeInTheDocument();
    expect(options().open).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('fallback-label')));
    expect(world.hub.entries(world.circle.id).size).toBe(0);
  });

  it('unfold on a note too long and focus the note; a required field outside keeps the fold shut', async () => {
    await renderVada(await makeWorld(), () => <ProposeSheet lat={53.9} lon={27.56} />);
    fireEvent.click(screen.getByTestId('propose-submit'));
    expect(await screen.findByTestId('error-title')).toBeInTheDocument();
    expect(options().open).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Title')));

    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Square' } });
    fireEvent.input(screen.getByTestId('field-note'), { target: { value: 'n'.repeat(281) } });
    fireEvent.click(screen.getByTestId('propose-submit'));
    await waitFor(() => expect(options().open).toBe(true));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-note')));
    expect(screen.getByTestId('error-note')).toBeInTheDocument();
  });
});
