/** Joins a circle from a pasted invite link (for when the link could not simply be opened). */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { circleLabel, joinRefusalText } from './circleText';
import { OneFieldForm, type OneFieldOutcome } from '../common/OneFieldForm';

export function CircleJoinForm(): JSX.Element {
  const store = useVada();
  const onValue = async (value: string): Promise<OneFieldOutcome> => {
    const r = await store.circles.join(value);
    return r.ok ? { done: t('circle.joined', { name: circleLabel(r.circle) }) } : { error: joinRefusalText(r) };
  };
  return (
    <OneFieldForm
      class="circle-form"
      heading={<h3>{t('circle.joinHeading')}</h3>}
      label={t('circle.joinText')}
      button={t('circle.join')}
      spellcheck={false}
      ids={{ input: 'circle-join-text', error: 'circle-join-error', submit: 'circle-join', done: 'circle-joined' }}
      onCheck={(raw) => (raw.trim() === '' ? t('circle.error.joinRequired') : undefined)}
      onValue={onValue}
    />
  );
}
