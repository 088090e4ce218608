/**
 * English text the first screen can show: the map and its point index, the
 * bottom bar, the connection line, alert banners, the panic-wipe
 * confirmation, the first-run hint, the invite question, startup errors and
 * the update prompt. It is in the entry chunk; the rest of English
 * (./enRest.ts) is its own chunk, fetched at start but not awaited.
 * Which keys belong here is decided by tests/unit/i18n/firstScreenKeys.test.ts:
 * exactly the keys that code in the entry asks for. Whole English: locales/en.ts.
 */
export const enFirstScreen = {
  'app.name': 'Vada',
  'startup.heading': 'Vada could not start',
  'startup.storage':
    'This browser does not let Vada keep data on this device (private windows often block it). Open Vada in a normal window.',
  'startup.crypto': 'This browser is too old for Vada’s signatures (Ed25519). Update the browser and try again.',
  'startup.detail': 'Details: {detail}',
  'startup.retry': 'Try again',
  'update.ready': 'Update ready',
  'update.reload': 'Reload now',
  'update.later': 'Later',

  'bar.label': 'Main actions',
  'bar.propose': 'Propose',
  'bar.list': 'List',
  'bar.settings': 'Settings',
  'status.connected': { one: 'Connected to {count} relay', other: 'Connected to {count} relays' },
  'status.offline': 'No relay reachable — working locally',
  'status.lastSync': 'Last update {time}',
  'status.noNetwork': 'Offline — no network',
  'status.unsent': { one: '{count} not sent yet', other: '{count} not sent yet' },

  'sheet.close': 'Close',

  'map.label': 'Map of gathering points',

  'map.zoomIn': 'Zoom in',

  'map.zoomOut': 'Zoom out',
  'map.index': 'Points on the map',
  'map.pointLabel': '{title} — {state}, {start} to {end}',
  'pick.prompt': 'Tap the map to choose the place',
  'pick.cancel': 'Cancel',
  'field.useMapCentre': 'Use map centre',

  'state.upcoming': 'Upcoming',
  'state.active': 'Active now',
  'state.ended': 'Ended',
  'state.dispersed': 'Dispersed',
  'state.cancelled': 'Cancelled',
  'action.failed': 'Could not publish: {detail}',

  'alert.kind.disperse': 'Disperse',
  'alert.kind.caution': 'Caution',
  'alert.kind.clear': 'All clear',
  'alert.trust.confirmed': 'Confirmed',
  'alert.trust.corroborated': 'Corroborated',
  'alert.trust.unconfirmed': 'Unconfirmed',
  'alert.trust.reports': { one: '{trust} · {count} report', other: '{trust} · {count} reports' },
  'alert.trust.explain.confirmed': 'Signed by the organizer or a co-organizer they named',
  'alert.trust.explain.corroborated': 'Reported by several people independently',
  'alert.trust.explain.unconfirmed': 'Not confirmed by the organizer — be careful',
  'alert.reason.police': 'Police approaching',
  'alert.reason.kettling': 'Kettling',
  'alert.reason.violence': 'Violence',
  'alert.reason.other': 'Other',
  'alert.reasons': 'Reason: {reasons}',
  'alert.notify.kindTitle': '{kind} — {trust}',
  'alert.notify.body': 'Open Vada for details',
  'alert.notify.fullBody': '{title}',
  'alert.banner.text': '{kind}: {title}',
  'alert.banner.label': 'Alerts',
  'alert.banner.show': 'Show',
  'alert.banner.go': 'Go',
  'alert.banner.dismiss': 'Dismiss',
  'alert.banner.dismissLabel': 'Dismiss alert about {title}',
  'alert.banner.more': { one: '{count} more alert', other: '{count} more alerts' },
  'alert.reappearAt': 'Reappear at {title}',
  'alert.way': '{distance} {direction}',
  'alert.shareForDistance': 'Share location to see distance',
  'protest.start': 'Protest mode',
  'protest.startHint': 'Keeps the screen on, shows the way to this point and makes alerts vibrate.',
  'protest.label': 'Protest mode',
  'protest.stop': 'Turn off',
  'protest.wake.on': 'Screen stays on',
  'protest.wake.off': 'Screen may turn off',
  'protest.wake.unavailable': 'Screen lock could not be kept awake',
  'protest.wake.lost': 'Screen lock was released — tap the screen to keep it on',
  'protest.to': 'To {title}',
  'direction.N': 'N',
  'direction.NE': 'NE',
  'direction.E': 'E',
  'direction.SE': 'SE',
  'direction.S': 'S',
  'direction.SW': 'SW',
  'direction.W': 'W',
  'direction.NW': 'NW',

  'bar.circles': 'Circles',
  'circle.public': 'Public (anyone can read)',
  'circle.error.invalid': 'That is not a valid invite.',
  'circle.error.already-member': 'You are already in this circle.',
  'circle.error.storage': 'Could not save the circle on this device.',
  'circle.joinQuestion': 'Join circle «{name}»?',
  'circle.joinExplain': 'Members of a circle can read and post its points and alerts.',
  'circle.joinAccept': 'Join',
  'circle.joinDecline': 'Not now',
  'circle.filter': 'Show points from',
  'circle.filterAll': 'All circles',
  'circle.unknown': 'a circle you left',
  'panic.confirmText': 'Erase everything Vada keeps on this phone now? This cannot be undone.',
  'panic.confirm': 'Erase now',
  'panic.erasing': 'Erasing…',
  'panic.keep': 'Keep my data',

  // --- secure context, TLS relays (issue 9) ---
  'secure.heading': 'Open Vada’s secure address',
  'secure.why':
    'This browser lets Vada encrypt and sign only on secure pages (addresses that start with https://), and this page was opened with http://. Here Vada could not keep your keys and points safe, so it does not start.',
  'secure.openThis': 'Open this address instead:',
  'secure.noTls':
    'The relay that served this page has no secure address yet: the person running it must restart it with --tls. Then open:',
  'secure.stepsHeading': 'When you open it',
  'secure.stepWarning':
    'The browser will warn that the connection is not private or the certificate is not trusted. That is expected: the relay made its own certificate.',
  'secure.stepCompare':
    'Open the certificate details from the warning and compare its SHA-256 fingerprint with the one shown on the relay’s screen, next to its QR code.',
  'secure.stepContinue':
    'Only if every character matches, continue to the site. If they differ, do not continue: someone may be pretending to be the relay.',
  'secure.onlyScreen':
    'Compare only with the relay operator’s screen, never with a fingerprint shown on a web page (this one included).',

  // --- hand-over: share and import bundles (issue 9) ---
  'status.carried': { one: '{count} to pass on', other: '{count} to pass on' },

  // --- clock skew (issue 10) ---
  'clock.fast': 'Your phone’s clock is {minutes} min fast — Vada uses the relays’ time',
  'clock.slow': 'Your phone’s clock is {minutes} min slow — Vada uses the relays’ time',
  'clock.fastCapped':
    'Your phone’s clock is {minutes} min fast — more than Vada corrects ({max} min). Set the phone’s clock.',
  'clock.slowCapped':
    'Your phone’s clock is {minutes} min slow — more than Vada corrects ({max} min). Set the phone’s clock.',

  // --- invites and intake (issue 10) ---
  'invite.damaged': 'This invite link is damaged or incomplete — ask for a new one.',
  'invite.problem.too-long': 'It is longer than any invite can be.',
  'invite.problem.not-invite': 'It is not a Vada invite, or only part of one was copied.',
  'invite.problem.newer-version': 'It was made by a newer version of Vada: update Vada, or ask for a new invite.',
  'invite.problem.bad-name': 'The circle name in it is missing, too long or not on one line.',
  'invite.problem.damaged': 'Its circle id or one of its keys is damaged.',
  'invite.dismiss': 'Dismiss',

  // --- first five minutes: propose and disperse (issue 11) ---
  'firstRun.heading': 'Before you start',
  'firstRun.propose': 'Propose a point: tap {propose} or long-press the map.',
  'firstRun.public': 'Anyone can read the public circle — police too.',
  'firstRun.circles': 'For private circles, tap {circles}.',
  'firstRun.gotIt': 'Got it',

  // --- first five minutes: banners and follows (issue 11) ---
  'alert.banner.expandLabel': 'Show the whole alert about {title}',

  // --- settings groups and language (issue 11) ---
  'settings.languageLoading': 'Loading…',

  // --- phone links (issue 13) ---
  'status.nearby': { one: '{count} nearby phone', other: '{count} nearby phones' },
  'status.offlineShort': 'Offline',

  // --- fast on a cheap phone (issue 15) ---
  'status.syncing': { one: 'Syncing… {count} point', other: 'Syncing… {count} points' },
  'map.indexSearch': 'Find a point by title',
  'map.indexShowing': 'Showing {from}–{to} of {total}',
  'map.indexNone': 'No point has that title.',
  'map.indexPrevious': 'Previous page',
  'map.indexNext': 'Next page',
  'format.listSeparator': ', ',

  'format.hoursMinutes': '{hours} {minutes}',
} as const;
