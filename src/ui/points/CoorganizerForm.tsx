/**
 * The organizer names a co-organizer: paste their public key, publish a
 * signed record; alerts that key signs about this point then show confirmed.
 */
import type { JSX } from 'solid-js';
import type { RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada, type FieldErrors } from '../../state';
import { coorganizerKeyError } from './coorganizerKeyError';
import { OneFieldForm, type OneFieldOutcome } from '../common/OneFieldForm';
import { fieldErrorText } from './fieldErrorText';

export function CoorganizerForm(props: { id: RecordId }): JSX.Element {
  const store = useVada();
  const words = (errors: FieldErrors): string => {
    const entries = Object.entries(errors) as [keyof FieldErrors, NonNullable<FieldErrors[keyof FieldErrors]>][];
    const first = entries[0];
    if (!first) return t('coorganizer.error.invalid');
    if (first[1] === 'required') return t('coorganizer.error.required');
    return first[0] === 'form' || first[1] === 'invalid'
      ? t('coorganizer.error.invalid')
      : fieldErrorText(first[0], first[1]);
  };
  const onValue = async (value: string): Promise<OneFieldOutcome> => {
    const r = await store.addCoorganizer(props.id, value);
    return r.ok ? { done: t('coorganizer.added') } : { error: words(r.errors) };
  };
  return (
    <OneFieldForm
      class="coorganizer-form"
      testId="coorganizer-form"
      heading={<h3>{t('coorganizer.heading')}</h3>}
      hint={t('coorganizer.explain')}
      label={t('coorganizer.key')}
      button={t('coorganizer.add')}
      spellcheck={false}
      ids={{
        input: 'coorganizer-key',
        error: 'coorganizer-error',
        submit: 'coorganizer-add',
        done: 'coorganizer-added',
      }}
      onCheck={(raw) => coorganizerKeyError(raw, store.myKey)}
      onValue={onValue}
    />
  );
}
