/**
 * A circle's creator names a co-organizer by public key: a signed record in
 * that circle, after which their alerts are confirmed for all its points.
 */
import type { JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { coorganizerKeyError } from '../points/coorganizerKeyError';
import { OneFieldForm, type OneFieldOutcome } from '../common/OneFieldForm';

export function CircleOrganizerForm(props: { id: CircleId }): JSX.Element {
  const store = useVada();
  const onValue = async (value: string): Promise<OneFieldOutcome> => {
    const r = await store.circles.addOrganizer(props.id, value);
    return r.ok ? { done: t('circle.organizerAdded') } : { error: t('coorganizer.error.invalid') };
  };
  return (
    <OneFieldForm
      class="circle-organizer-form"
      heading={<h4>{t('circle.organizerHeading')}</h4>}
      hint={t('circle.organizerExplain')}
      label={t('circle.organizerKey')}
      button={t('circle.organizerAdd')}
      spellcheck={false}
      ids={{
        input: 'circle-organizer-key',
        error: 'circle-organizer-error',
        submit: 'circle-organizer-add',
        done: 'circle-organizer-added',
      }}
      onCheck={(raw) => coorganizerKeyError(raw, store.myKey)}
      onValue={onValue}
    />
  );
}
