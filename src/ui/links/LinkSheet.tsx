/**
 * Linking a nearby phone, two scans per pair: phone A taps "Show my code"
 * (its QR code and how long it stays valid), then "Scan their answer"; phone
 * B taps "Scan their code", then shows its answer and waits. Both end on
 * "Linked". Refusals (a points code or some other QR, the code of another
 * link, an expired code, a connection that failed) are said in words, as
 * text. The flow itself is the store's (src/state/createPhoneLinks.ts);
 * closing the sheet cancels a code still pending, never an open link.
 */
import { Match, onCleanup, Show, Switch, type JSX } from 'solid-js';
import { formatDuration, t } from '../../i18n';
import { useVada, type LinkFlow } from '../../state';
import { Sheet } from '../common/Sheet';
import { QrScanner } from '../handover/QrScanner';
import { LinkCodeQr } from './LinkCodeQr';
import { LinkCutNote } from './LinkCutNote';

/** The states tests and tools read on `link-state` (the store's in-between states folded in). */
export type LinkStateName =
  'idle' | 'offering' | 'scanning' | 'answering' | 'connecting' | 'linked' | 'expired' | 'failed';

export function linkStateName(flow: LinkFlow): LinkStateName {
  switch (flow.state) {
    case 'preparing':
      return 'offering';
    case 'preparing-answer':
      return 'answering';
    case 'scanning-offer':
      return 'scanning';
    default:
      return flow.state;
  }
}

/** The status line's words for each state (the QR codes and buttons carry the rest). */
function stateText(flow: LinkFlow): string {
  switch (flow.state) {
    case 'idle':
      return t('link.intro');
    case 'preparing':
      return t('link.preparing');
    case 'offering':
      return t('link.offerHint');
    case 'scanning':
      return t('link.scanAnswerHint');
    case 'connecting':
      return t('link.connecting');
    case 'scanning-offer':
      return t('link.scanOfferHint');
    case 'preparing-answer':
      return t('link.preparingAnswer');
    case 'answering':
      return t('link.answerHint');
    case 'linked':
      return t('link.linked');
    case 'expired':
      return t('link.expired');
    case 'failed':
      return t(`link.failed.${flow.reason}`);
  }
}

export function LinkSheet(): JSX.Element {
  const store = useVada();
  const links = store.links;
  const flow = links.flow;
  // Leaving the sheet (closed, or another sheet opened) cancels a code that is still pending.
  onCleanup(() => links.reset());
  const close = () => store.ui.close();
  const ended = () => flow().state === 'expired' || flow().state === 'failed';
  const countdown = () => {
    const ms = links.remainingMs();
    return ms === undefined ? undefined : t('link.expiresIn', { time: formatDuration(ms) });
  };
  const refusal = () => {
    const r = links.refusal();
    return r === undefined ? undefined : t(`link.refused.${r}`);
  };
  const open = <S extends LinkFlow['state']>(state: S) => {
    const f = flow();
    return f.state === state ? (f as Extract<LinkFlow, { state: S }>) : undefined;
  };

  return (
    <Sheet title={t('link.heading')} testId="link-sheet" onClose={close}>
      <LinkCutNote />
      <p
        class={ended() ? 'alert' : 'state-line'}
        role={ended() ? 'alert' : 'status'}
        data-testid="link-state"
        data-state={linkStateName(flow())}
      >
        {stateText(flow())}
      </p>
      <Switch>
        <Match when={flow().state === 'idle'}>
          <div class="button-row">
            <button type="button" class="primary" data-testid="link-start" onClick={() => links.start()}>
              {t('link.start')}
            </button>
            <button type="button" data-testid="link-join" onClick={() => links.join()}>
              {t('link.join')}
            </button>
          </div>
        </Match>
        <Match when={open('offering')} keyed>
          {(f) => (
            <>
              <LinkCodeQr code={f.code} label={t('link.offerLabel')} testId="link-offer-qr" />
              <p class="hint" data-testid="link-countdown">
                {countdown()}
              </p>
              <div class="button-row">
                <button type="button" class="primary" data-testid="link-scan-answer" onClick={() => links.scanAnswer()}>
                  {t('link.scanAnswer')}
                </button>
              </div>
            </>
          )}
        </Match>
        <Match when={flow().state === 'scanning'}>
          <QrScanner
            onText={(text) => links.answerScanned(text)}
            onClose={() => links.showCode()}
            status={t('link.scanAnswerHint')}
          />
          <p class="hint" data-testid="link-countdown">
            {countdown()}
          </p>
          <div class="button-row">
            <button type="button" data-testid="link-show-code" onClick={() => links.showCode()}>
              {t('link.showCode')}
            </button>
          </div>
        </Match>
        <Match when={flow().state === 'scanning-offer'}>
          <QrScanner
            onText={(text) => links.offerScanned(text)}
            onClose={() => links.reset()}
            status={t('link.scanOfferHint')}
          />
        </Match>
        <Match when={open('answering')} keyed>
          {(f) => <LinkCodeQr code={f.code} label={t('link.answerLabel')} testId="link-answer-qr" />}
        </Match>
        <Match when={flow().state === 'linked'}>
          <div class="button-row">
            <button type="button" data-testid="link-another" onClick={() => links.reset()}>
              {t('link.another')}
            </button>
            <button type="button" class="primary" data-testid="link-done" onClick={close}>
              {t('link.done')}
            </button>
          </div>
        </Match>
        <Match when={ended()}>
          <div class="button-row">
            <button type="button" class="primary" data-testid="link-again" onClick={() => links.reset()}>
              {t('link.again')}
            </button>
          </div>
        </Match>
      </Switch>
      <Show when={refusal()}>
        {(text) => (
          <p class="alert" role="alert" data-testid="link-refusal">
            {text()}
          </p>
        )}
      </Show>
    </Sheet>
  );
}
