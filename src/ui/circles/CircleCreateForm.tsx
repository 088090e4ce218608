/** Creates a private circle (fresh random id and key on this device) and hands its id back to show the invite. */
import type { JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { circleNameError } from './circleName';
import { joinRefusalText } from './circleText';
import { OneFieldForm, type OneFieldOutcome } from '../common/OneFieldForm';

export function CircleCreateForm(props: { onCreated: (id: CircleId) => void }): JSX.Element {
  const store = useVada();
  const onValue = async (value: string): Promise<OneFieldOutcome> => {
    const r = await store.circles.create(value);
    if (!r.ok) return { error: joinRefusalText(r) };
    props.onCreated(r.circle.id);
    return {};
  };
  return (
    <OneFieldForm
      class="circle-form"
      heading={<h3>{t('circle.createHeading')}</h3>}
      label={t('circle.createName')}
      button={t('circle.create')}
      primary
      ids={{ input: 'circle-create-name', error: 'circle-create-error', submit: 'circle-create' }}
      onCheck={circleNameError}
      onValue={onValue}
    />
  );
}
