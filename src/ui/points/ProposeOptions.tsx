/**
 * The optional parts of a new point (note, circle, fallback places), folded
 * behind one disclosure so the required fields and Publish fit a 360 × 640
 * phone (issue 11). Folded, it still says what is inside and what is set:
 * the circle always (so "Public" is never out of sight), a note, how many
 * fallback places. The parent owns whether it is open, so an error inside
 * can unfold it before the invalid field takes focus.
 */
import { Show, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { t } from '../../i18n';
import { useVada, type FieldErrors, type PointDraft } from '../../state';
import { circleLabelOf } from '../circles/circleText';
import { CirclePicker } from '../circles/CirclePicker';
import { FallbackFields } from './FallbackFields';
import { NoteField } from './NoteField';

/** Whether `errors` name something inside the folded part (the note, the fallbacks, or both together). */
export function errorsInOptions(errors: FieldErrors): boolean {
  return errors.note !== undefined || errors.fallbacks !== undefined || errors.form === 'tooLong';
}

export function ProposeOptions(props: {
  draft: PointDraft;
  update: (patch: Partial<PointDraft>) => void;
  errors: FieldErrors;
  open: boolean;
  onToggle: (open: boolean) => void;
}): JSX.Element {
  const store = useVada();
  const circle = (): CircleId => props.draft.circle ?? store.circles.publishTo();
  const isPublic = () => store.circles.get(circle())?.isPublic ?? false;
  const fallbackCount = () => props.draft.fallbacks?.length ?? 0;
  return (
    <details
      class="propose-options"
      data-testid="propose-options"
      open={props.open}
      onToggle={(e) => props.onToggle(e.currentTarget.open)}
    >
      <summary data-testid="propose-options-toggle">
        <span class="options-title">{t('propose.more')}</span>
        <span class="options-summary" data-testid="propose-options-summary">
          <span classList={{ 'options-public': isPublic() }}>
            {t('propose.more.circle', { circle: circleLabelOf((id) => store.circles.get(id), circle()) })}
          </span>
          <Show when={props.draft.note.trim() !== ''}>
            <span> · {t('propose.more.note')}</span>
          </Show>
          <Show when={fallbackCount() > 0}>
            <span> · {t('propose.more.fallbacks', { count: fallbackCount() })}</span>
          </Show>
        </span>
      </summary>
      <div class="options-body">
        <NoteField
          prefix=""
          value={props.draft.note}
          onInput={(note) => props.update({ note })}
          error={props.errors.note}
        />
        <CirclePicker value={circle()} onChange={(id) => props.update({ circle: id })} />
        <FallbackFields
          fallbacks={props.draft.fallbacks ?? []}
          onChange={(fallbacks) => props.update({ fallbacks })}
          error={props.errors.fallbacks}
        />
      </div>
    </details>
  );
}
