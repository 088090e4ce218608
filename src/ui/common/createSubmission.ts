/**
 * The busy flag and failure message every publishing form needs: one attempt
 * at a time, the error shown (never swallowed) in the user's language.
 */
import { createSignal, type Accessor } from 'solid-js';
import { t } from '../../i18n';
import { errorDetail } from './errorDetail';

export interface Submission {
  readonly busy: Accessor<boolean>;
  readonly failure: Accessor<string | undefined>;
  /** Runs `action` unless one is already running; a thrown error becomes `failure`. */
  run(action: () => Promise<unknown>): Promise<void>;
}

export function createSubmission(): Submission {
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  return {
    busy,
    failure,
    async run(action) {
      if (busy()) return;
      setFailure(undefined);
      setBusy(true);
      try {
        await action();
      } catch (err) {
        setFailure(t('action.failed', { detail: errorDetail(err) }));
      } finally {
        setBusy(false);
      }
    },
  };
}
