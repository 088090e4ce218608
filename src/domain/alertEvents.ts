/**
 * Which alert statuses are news since the last look: what raises a banner,
 * a vibration or a notification. Pure: the caller keeps the returned marks
 * and passes them back next time.
 */
import type { RecordId } from './brand';
import { TRUST_RANK, type AlertStatus, type Trust } from './foldAlerts';

export interface AlertMark {
  readonly trust: Trust;
  readonly reports: number;
  readonly latest: RecordId;
}

export type AlertMarks = ReadonlyMap<string, AlertMark>;

const markKey = (s: AlertStatus) => `${s.point}|${s.kind}`;

/** True when `now` tells the user something `before` did not. */
export function isNews(before: AlertMark | undefined, now: AlertStatus): boolean {
  if (!before) return true;
  if (TRUST_RANK[now.trust] > TRUST_RANK[before.trust]) return true;
  // Another distinct key reported: "unconfirmed (2 reports)" is news after "(1 report)".
  if (now.reports > before.reports) return true;
  // A new record from the organizer (say a second caution) is a new alert; a repeat from a reporter is not.
  return now.trust === 'confirmed' && now.latest !== before.latest;
}

/**
 * News among `statuses` compared with `marks`, and the marks to keep. A status
 * that weakened (reports expired) is not news; its mark follows it down so that
 * a later report raises it again.
 */
export function alertEvents(
  marks: AlertMarks,
  statuses: Iterable<AlertStatus>,
): { news: AlertStatus[]; marks: Map<string, AlertMark> } {
  const next = new Map<string, AlertMark>();
  const news: AlertStatus[] = [];
  for (const s of statuses) {
    const k = markKey(s);
    if (isNews(marks.get(k), s)) news.push(s);
    next.set(k, { trust: s.trust, reports: s.reports, latest: s.latest });
  }
  return { news, marks: next };
}
