/**
 * Where a point goes: shown as rounded coordinates (what will be published),
 * set from the map centre or by tapping the map.
 */
import { type JSX } from 'solid-js';
import { roundCoord, type LatLon } from '../../domain';
import { formatCoord, t } from '../../i18n';
import { useVada, type FieldError as Code } from '../../state';
import { FieldError } from './FieldError';

export function PlaceField(props: {
  prefix: string;
  place: LatLon | undefined;
  onChange: (p: LatLon) => void;
  error: Code | undefined;
}): JSX.Element {
  const { ui } = useVada();
  const errorId = () => `${props.prefix}place-error`;
  const pick = async () => {
    const place = await ui.pickPlace();
    if (place) props.onChange(place);
  };
  return (
    <fieldset class="field place-field" aria-describedby={props.error ? errorId() : undefined}>
      <legend>{t('field.place')}</legend>
      <output class="place-value" data-testid={`${props.prefix}field-place`} aria-live="polite">
        {props.place ? (
          // Coordinates read latitude, longitude left to right in every language, as maps write them.
          <span dir="ltr">
            {t('field.placeValue', {
              lat: formatCoord(roundCoord(props.place.lat)),
              lon: formatCoord(roundCoord(props.place.lon)),
            })}
          </span>
        ) : (
          t('field.placeNone')
        )}
      </output>
      <div class="button-row">
        <button
          type="button"
          data-testid={`${props.prefix}use-map-centre`}
          onClick={() => props.onChange(ui.mapCenter())}
        >
          {t('field.useMapCentre')}
        </button>
        <button type="button" data-testid={`${props.prefix}pick-on-map`} onClick={() => void pick()}>
          {t('field.pickOnMap')}
        </button>
      </div>
      <FieldError id={errorId()} field="place" code={props.error} />
    </fieldset>
  );
}
